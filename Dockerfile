# Builds calimport in a Swift image and runs it in a slim Debian with libpq and libcurl.
#   docker build -t calimport .
ARG SWIFT_IMAGE=swift:6.3-bookworm

FROM ${SWIFT_IMAGE} AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq-dev libcurl4-openssl-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
RUN swift build -c release --product calimport --static-swift-stdlib \
 && install -D .build/release/calimport /out/calimport

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5 libcurl4 ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /nonexistent --shell /usr/sbin/nologin calimport
COPY --from=build /out/calimport /usr/local/bin/calimport
USER calimport
ENTRYPOINT ["calimport"]
CMD ["--help"]
