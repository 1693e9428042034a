#!/usr/bin/env bash
# Checks the local ColQwen generator's CUDA path on a GPU machine, offline, from a copy of the working tree.
#
# Runs tools/colqwen-onnx/GpuCheck: checks through ONNX Runtime's OrtCUDAProviderOptions.GetOptions() that the
# deployment options (device, memory limit, arena strategy, cuDNN search, TF32) reach the CUDA provider, then the tiny
# model's test pages and queries through the library with ExecutionProvider=Cuda (float32 with TF32 off, the float16
# export, float32 with device IO binding), compared with the committed expected outputs; then Auto to show the
# fallback. Exit code 0 = CUDA ran and matched; 1 = outputs or options differ; 2 = CUDA could not be used (the reason,
# naming the missing library, is printed); 3 = something this script needs is missing.
#
# Needs on the GPU machine:
#   - an NVIDIA driver 580 or newer (nvidia-smi), CUDA 13 (libcudart.so.13, libcublas.so.13, libcublasLt.so.13) and
#     cuDNN 9 on the loader path: ONNX Runtime 1.31's CUDA provider links those;
#   - the .NET 10 SDK, and a NuGet cache (or local feed) holding every package the check restores, including
#     Microsoft.ML.OnnxRuntime.Gpu, .Gpu.Linux and .Managed 1.31.0 (pinned in Directory.Packages.props under
#     -p:OnnxRuntimeGpu=true) — the machine has no network;
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
