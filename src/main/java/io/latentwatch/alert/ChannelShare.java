package io.latentwatch.alert;

import io.latentwatch.LatentwatchException;

/**
 * One channel's part in explaining an incident: its share of the reconstruction error summed over
 * the incident's above-threshold windows. Channels are indexes because the tracker does not know
 * their names; the detector maps them.
 *
 * @param channel index of the channel in the model's feature order, ≥ 0
 * @param share fraction of the incident's total error, in [0, 1]
 */
public record ChannelShare(int channel, double share) {

    public ChannelShare {
        if (channel < 0) {
            throw new LatentwatchException("channel must be ≥ 0, got " + channel);
        }
        if (!(share >= 0 && share <= 1)) {
            throw new LatentwatchException("share must be in [0, 1], got " + share);
        }
    }
}
