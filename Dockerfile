# Latentwatch image: builds the shaded jar, runs it on a JRE. Used by docker-compose.yml.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY schemas ./schemas
COPY src ./src
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
# curl for the compose health check on /health
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/latentwatch.jar /app/latentwatch.jar
COPY models /app/models
ENV LATENTWATCH_HOME=/app
EXPOSE 8080
ENTRYPOINT ["java","-jar","/app/latentwatch.jar"]
