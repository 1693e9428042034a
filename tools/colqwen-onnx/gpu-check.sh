#!/usr/bin/env bash
# Checks the local ColQwen generator's CUDA path on a GPU machine, offline, from a copy of the working tree.
#
# Runs tools/colqwen-onnx/GpuCheck: the tiny model's test pages and queries through the library with
# ExecutionProvider=Cuda, compared with the committed expected outputs (tolerance 1e-3, TF32 allowed), then with
# Auto to show the fallback. Exit code 0 = CUDA ran and matched; 1 = outputs differ; 2 = CUDA could not be used
# (the reason is printed); 3 = something this script needs is missing.
#
# Needs on the GPU machine:
#   - an NVIDIA driver (nvidia-smi), CUDA 12 and cuDNN 9 libraries on the loader path (ONNX Runtime 1.31's CUDA EP);
#   - the .NET 10 SDK, and a NuGet cache (or local feed) holding every package the check restores, including
#     Microsoft.ML.OnnxRuntime.Gpu(.Linux) 1.31.1, plus a <PackageVersion Include="Microsoft.ML.OnnxRuntime.Gpu">
#     entry in Directory.Packages.props — the machine has no network;
#   - or, instead of the SDK: a self-contained build carried in tools/colqwen-onnx/GpuCheck/out, made elsewhere with
#       dotnet publish tools/colqwen-onnx/GpuCheck -c Release -r linux-x64 --self-contained -p:OnnxRuntimeGpu=true -o tools/colqwen-onnx/GpuCheck/out
set -uo pipefail
cd "$(dirname "$0")/../.."
model=tests/Providers.ColQwen.Onnx.Tests/Fixtures/tiny-model

if command -v nvidia-smi >/dev/null; then
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
else
  echo "no nvidia-smi: no NVIDIA driver on this machine"; exit 3
fi

run_check() {
  if [ -x tools/colqwen-onnx/GpuCheck/out/GpuCheck ]; then
    tools/colqwen-onnx/GpuCheck/out/GpuCheck "$1" "$model"
  elif command -v dotnet >/dev/null; then
    dotnet run --project tools/colqwen-onnx/GpuCheck -c Release -p:OnnxRuntimeGpu=true -- "$1" "$model"
  else
    echo "neither a carried build (tools/colqwen-onnx/GpuCheck/out) nor the dotnet SDK is here"; return 3
  fi
}

echo "== CUDA required =="
run_check cuda; cuda=$?
echo "== Auto (CUDA, else CPU with the reason logged) =="
run_check auto
exit $cuda
