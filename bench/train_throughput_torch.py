#!/usr/bin/python3
"""Training throughput of the same autoencoders in PyTorch, for comparison with the Java trainer.

dense: 64-32-8-32-64 (ReLU on the hidden layers, linear latent and output).
conv: windows of 16 steps x 4 channels, time-major as in Java, permuted to channels-first;
Conv1d 4->16 and 16->32 (kernel 5, stride 2, padding 2, ReLU), Linear 128->8 (linear latent),
Linear 8->128 (ReLU), ConvTranspose1d 32->16 (ReLU) and 16->4 (kernel 5, stride 2, padding 2,
output_padding 1), permuted back; the shapes of Java's conv Autoencoder with ConvShape([16, 32], 5, 2).
Batch 256, Adam (lr 1e-3), MSE, float32, one thread. Each epoch shuffles the training rows, trains on every batch,
then runs a validation forward pass over 256 held-out rows under no_grad, as the Java trainer does.
Counts this process's CPU time (time.process_time) over the measured epochs and prints one JSON
line. Run with Debian's /usr/bin/python3 (python3-torch).

Usage: train_throughput_torch.py [dense|conv] [epochs warmup train_rows seed]
       (default dense 30 10 16384 7)
"""
import json
import math
import os
import sys
import time

# One thread for every math library torch may call into, set before they load.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import torch  # noqa: E402  (after the thread settings on purpose)

WINDOW, CHANNELS, BATCH, VALIDATION_ROWS = 16, 4, 256, 256


def windows(count, gen):
    """Flattened windows, time-major, of four sines with random phase plus Gaussian noise."""
    phase = torch.rand(count, 1, 1, generator=gen, dtype=torch.float64) * 2 * math.pi
    t = torch.arange(WINDOW, dtype=torch.float64).view(1, WINDOW, 1)
    period = (8.0 + 4 * torch.arange(CHANNELS, dtype=torch.float64)).view(1, 1, CHANNELS)
    x = torch.sin(phase + 2 * math.pi * t / period)
    x = x + 0.1 * torch.randn(count, WINDOW, CHANNELS, generator=gen, dtype=torch.float64)
    return x.reshape(count, WINDOW * CHANNELS).float().contiguous()


class ChannelsFirst(torch.nn.Module):
    """Time-major rows (batch, steps * channels) to (batch, channels, steps), and back."""

    def __init__(self, forward_way):
        super().__init__()
        self.forward_way = forward_way

    def forward(self, x):
        if self.forward_way:
            return x.view(x.shape[0], WINDOW, CHANNELS).permute(0, 2, 1)
        return x.permute(0, 2, 1).reshape(x.shape[0], WINDOW * CHANNELS)


def conv_model():
    return torch.nn.Sequential(
        ChannelsFirst(True),
        torch.nn.Conv1d(4, 16, 5, stride=2, padding=2), torch.nn.ReLU(),
        torch.nn.Conv1d(16, 32, 5, stride=2, padding=2), torch.nn.ReLU(),
        torch.nn.Flatten(),
        torch.nn.Linear(128, 8),
        torch.nn.Linear(8, 128), torch.nn.ReLU(),
        torch.nn.Unflatten(1, (32, 4)),
        torch.nn.ConvTranspose1d(32, 16, 5, stride=2, padding=2, output_padding=1), torch.nn.ReLU(),
        torch.nn.ConvTranspose1d(16, 4, 5, stride=2, padding=2, output_padding=1),
        ChannelsFirst(False))


def dense_model():
    return torch.nn.Sequential(
        torch.nn.Linear(64, 32), torch.nn.ReLU(),
        torch.nn.Linear(32, 8),
        torch.nn.Linear(8, 32), torch.nn.ReLU(),
        torch.nn.Linear(32, 64))


def fit(model, train, validation, epochs, gen):
    net = model()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.MSELoss()
    last = float("nan")
    for _ in range(epochs):
        order = torch.randperm(train.shape[0], generator=gen)
        total = 0.0
        for start in range(0, train.shape[0], BATCH):
            batch = train[order[start:start + BATCH]]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(net(batch), batch)
            loss.backward()
            opt.step()
            total += loss.item() * batch.shape[0]
        last = total / train.shape[0]
        with torch.no_grad():
            loss_fn(net(validation), validation).item()
    return last


def main(argv):
    conv = len(argv) > 1 and argv[1] == "conv"
    if len(argv) > 1 and argv[1] in ("conv", "dense"):
        argv = argv[:1] + argv[2:]
    model = conv_model if conv else dense_model
    epochs = int(argv[1]) if len(argv) > 1 else 30
    warmup = int(argv[2]) if len(argv) > 2 else 10
    rows = int(argv[3]) if len(argv) > 3 else 16384
    seed = int(argv[4]) if len(argv) > 4 else 7
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    train = windows(rows, gen)
    validation = windows(VALIDATION_ROWS, gen)
    fit(model, train, validation, warmup, gen)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    last = fit(model, train, validation, epochs, gen)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    samples = epochs * rows
    print(json.dumps({
        "impl": "pytorch", "model": "conv 16x4 c16-c32-d8-d128-t16-t4" if conv else "dense 64-32-8-32-64", "batch": BATCH, "train_rows": rows,
        "epochs": epochs, "warmup_epochs": warmup, "samples": samples, "cpu_s": round(cpu, 3),
        "wall_s": round(wall, 3), "samples_per_cpu_s": round(samples / cpu), "final_train_loss": round(last, 5),
        "torch": torch.__version__, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main(sys.argv)
