namespace Providers.Emulator;

/// <summary>The services the emulator speaks for, each under its own path prefix.</summary>
public enum EmulatedService
{
    /// <summary>The SV Ray cluster (Ray Serve embeddings and vLLM gpt-oss chat), under <c>/sv-ray/</c>.</summary>
    SvRay,

    /// <summary>The SV inference server (vLLM serving Qwen2.5-VL), under <c>/sv-inference/</c>.</summary>
    SvInference,

    /// <summary>SciBox, a LiteLLM proxy, under <c>/scibox/</c>.</summary>
    SciBox,

    /// <summary>The ColQwen2.5 FastAPI service, under <c>/colqwen/</c>.</summary>
    ColQwen,

    /// <summary>Spirit-GPU serverless, handler and proxy mode, under <c>/spirit/</c>.</summary>
    Spirit,

    /// <summary>OpenVINO Model Server, under <c>/ovms/</c>.</summary>
    Ovms,
}
