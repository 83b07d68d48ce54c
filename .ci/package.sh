#!/usr/bin/env bash
# Builds what a user installs, into dist/ (or the folder given):
#   dist/tool/ResearchPipeline.<version>.nupkg     the .NET tool (any platform with the .NET 10 runtime):
#       dotnet tool install --global ResearchPipeline --add-source dist/tool
#   dist/rp-<version>-<rid>.tar.gz                 self-contained single-file rp for linux-x64, win-x64, osx-arm64
#       (no .NET needed; DuckDB's native library inside; the demo's samples beside it)
# Usage: bash .ci/package.sh [OUT] [RID ...]
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-dist}")
shift || true
rids=("$@")
[ ${#rids[@]} -gt 0 ] || rids=(linux-x64 win-x64 osx-arm64)
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)

rm -rf "$out"
mkdir -p "$out/tool"
dotnet pack jobs/Jobs.csproj -c Release -o "$out/tool" -nologo -v quiet
echo "tool: $out/tool/ResearchPipeline.$version.nupkg"

for rid in "${rids[@]}"; do
  dir="$out/rp-$version-$rid"
  dotnet publish jobs/Jobs.csproj -c Release -r "$rid" --self-contained -nologo -v quiet \
    -p:PackAsTool=false -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true \
    -p:EnableCompressionInSingleFile=true -p:DebugType=none -o "$dir"
  # The executable is called rp (the project's assembly keeps its own name).
  if [ -f "$dir/ResearchPipeline.Jobs.exe" ]; then mv "$dir/ResearchPipeline.Jobs.exe" "$dir/rp.exe"; else mv "$dir/ResearchPipeline.Jobs" "$dir/rp"; fi
  tar -czf "$dir.tar.gz" -C "$out" "$(basename "$dir")"
  echo "$rid: $dir.tar.gz ($(du -h "$dir.tar.gz" | cut -f1))"
done
