# rp serve in a container: the scheduler, its jobs and its dashboard (see docs/operations.md, "Containers").
#   docker build -t researchpipeline:0.1.0 .
#   docker run -v rp-warehouse:/srv/rp/warehouse -v "$PWD/pipeline.yaml:/srv/rp/pipeline.yaml:ro" \
#     -e RP_PSEUDONYM_KEY -p 5080:5080 researchpipeline:0.1.0
# The warehouse (with its key file, snapshot and landed files) lives in the /srv/rp/warehouse volume; the config is
# mounted read-only at /srv/rp/pipeline.yaml. The process runs as an unprivileged user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish jobs/Jobs.csproj -c Release -o /app -p:PackAsTool=false -p:UseAppHost=false -p:DebugType=none

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl for the health check; tzdata for the schedules' IANA time zones.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --create-home --home-dir /srv/rp rp \
 && mkdir -p /srv/rp/warehouse /srv/rp/inbox \
 && chown -R rp /srv/rp
WORKDIR /srv/rp
COPY --from=build /app /app
USER rp
VOLUME ["/srv/rp/warehouse"]
EXPOSE 5080
# The dashboard's health endpoint, from inside the container (it answers on 127.0.0.1 whatever the config says).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD curl -fsS http://127.0.0.1:5080/healthz || exit 1
ENTRYPOINT ["dotnet", "/app/ResearchPipeline.Jobs.dll"]
CMD ["serve", "--config", "/srv/rp/pipeline.yaml", "--log-format", "json"]
