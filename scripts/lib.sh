# Shared by run.sh and test.sh: install what is missing, start and stop Azurite in memory.
# shellcheck shell=bash

say() { printf '\033[1m==>\033[0m %s\n' "$*"; }

ensure_tools() {
  command -v dotnet >/dev/null || { echo "The .NET SDK 10 is required (https://dot.net)." >&2; exit 1; }
  command -v npm >/dev/null || { echo "Node.js 20+ with npm is required (for Azurite and the report fonts)." >&2; exit 1; }
  if [ ! -x node_modules/.bin/azurite ] || [ ! -f node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf ]; then
    say "Installing npm packages (Azurite, report fonts)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# start_azurite BLOB_PORT: Azurite in memory on 127.0.0.1, ports BLOB_PORT, +1 (queues), +2 (tables).
start_azurite() {
  local blob=$1 queue=$(( $1 + 1 )) table=$(( $1 + 2 ))
  AZURITE_LOG=$(mktemp -t azurite.XXXXXX.log)
  node_modules/.bin/azurite --inMemoryPersistence --skipApiVersionCheck --disableTelemetry --loose --silent \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" >"$AZURITE_LOG" 2>&1 &
  AZURITE_PID=$!
  for _ in $(seq 1 100); do
    if grep -q "Table service is successfully listening" "$AZURITE_LOG" 2>/dev/null; then
      export AZURITE_CONNECTION="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
      return 0
    fi
    if ! kill -0 "$AZURITE_PID" 2>/dev/null; then break; fi
    sleep 0.2
  done
  echo "Azurite did not start (ports $blob-$table in use?):" >&2
  cat "$AZURITE_LOG" >&2
  exit 1
}

stop_azurite() {
  if [ -n "${AZURITE_PID:-}" ] && kill -0 "$AZURITE_PID" 2>/dev/null; then
    kill "$AZURITE_PID" 2>/dev/null || true
    wait "$AZURITE_PID" 2>/dev/null || true
  fi
}
