namespace Providers.Emulator;

/// <summary>
/// Settings of an emulator instance. Every property has a default that matches the real services closely
/// enough for tests; change only what a test is about. The dev server binds these from the
/// <c>Emulator</c> configuration section (e.g. <c>--Emulator:ReasoningField=reasoning_content</c>).
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>The bearer token SciBox (LiteLLM) accepts; any other answers 401.</summary>
    public string SciBoxApiKey { get; set; } = "sk-emulator-scibox";

    /// <summary>The chat models SciBox lists and serves.</summary>
    public IList<string> SciBoxChatModels { get; set; } = ["Qwen2.5-72B-Instruct-AWQ"];

    /// <summary>The embedding models SciBox lists and serves.</summary>
    public IList<string> SciBoxEmbeddingModels { get; set; } = ["bge-m3"];

    /// <summary>The Spirit-GPU API key: handler mode takes <c>Bearer {key}</c>, proxy mode <c>{SpiritServerlessId}-{key}</c>.</summary>
    public string SpiritApiKey { get; set; } = "spirit-emulator-key";

    /// <summary>The one serverless id the Spirit emulation knows; others answer 404.</summary>
    public string SpiritServerlessId { get; set; } = "emulator-serverless";

    /// <summary>When false, Spirit sync requests answer 503 "not enough gpu now" and async jobs stay queued.</summary>
    public bool SpiritGpuAvailable { get; set; } = true;

    /// <summary>
    /// The Spirit handler run for each sync or async request. The default echoes <c>input</c> back and
    /// honours the <see cref="SpiritHandlers.Echo"/> conventions (<c>sleep_ms</c>, <c>fail</c>).
    /// </summary>
    public SpiritHandler SpiritHandler { get; set; } = SpiritHandlers.Echo;

    /// <summary>How long Spirit keeps the status of a finished request before answering 404 (the service keeps 30 minutes).</summary>
    public TimeSpan SpiritStatusRetention { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a Spirit sync request may wait for its result before 408 (the service waits 3 minutes).</summary>
    public TimeSpan SpiritSyncTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How long an async Spirit request may take when it sets no <c>policy.ttl</c> (the service uses 15 minutes).</summary>
    public TimeSpan SpiritDefaultTtl { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many Spirit jobs run at once; the rest wait in the queue.</summary>
    public int SpiritWorkerCount { get; set; } = 1;

    /// <summary>The chat model the Spirit proxy's worker (an Ollama/vLLM server) serves.</summary>
    public string SpiritChatModel { get; set; } = "llama3.2";

    /// <summary>The embedding model the Spirit proxy's worker serves.</summary>
    public string SpiritEmbeddingModel { get; set; } = "nomic-embed-text";

    /// <summary>The OVMS API key (<c>Bearer</c>); null serves without authentication, as OVMS does by default.</summary>
    public string? OvmsApiKey { get; set; }

    /// <summary>How long each OVMS model stays LOADING after start before it becomes AVAILABLE.</summary>
    public TimeSpan OvmsLoadingTime { get; set; } = TimeSpan.Zero;

    /// <summary>The embedding graphs OVMS serves.</summary>
    public IList<string> OvmsEmbeddingModels { get; set; } = ["Alibaba-NLP/gte-large-en-v1.5"];

    /// <summary>The rerank graphs OVMS serves.</summary>
    public IList<string> OvmsRerankModels { get; set; } = ["BAAI/bge-reranker-large"];

    /// <summary>The longest OVMS input in tokens before 400 "Input length N longer than allowed M".</summary>
    public int OvmsMaxInputTokens { get; set; } = 1024;

    /// <summary>Where gpt-oss reasoning goes on SV Ray: <c>"reasoning"</c> (newer vLLM) or <c>"reasoning_content"</c> (older).</summary>
    public string ReasoningField { get; set; } = "reasoning";

    /// <summary>The chat model of the SV Ray cluster.</summary>
    public string SvRayChatModel { get; set; } = "openai/gpt-oss-20b";

    /// <summary>The most images SV Ray's ColPali-style multi-vector endpoint takes in one request.</summary>
    public int SvRayImageMultiVectorBatchLimit { get; set; } = 8;

    /// <summary>The vision-language model of the SV inference server.</summary>
    public string SvInferenceModel { get; set; } = "Qwen/Qwen2.5-VL-72B-Instruct";

    /// <summary>The SV inference server's <c>--limit-mm-per-prompt</c> for images.</summary>
    public int MaxImagesPerPrompt { get; set; } = 4;

    /// <summary>When true, vLLM errors use the old shape <c>{"object":"error","message",..}</c> instead of <c>{"error":{..}}</c>.</summary>
    public bool VllmLegacyErrorShape { get; set; }

    /// <summary>When true (older colpali), ColQwen queries are prefixed <c>"Query: "</c> before tokenisation.</summary>
    public bool ColQwenQueryPrefix { get; set; } = true;

    /// <summary>
    /// When true, ColQwen answers like older deployments of the service: <c>/embed/images</c> returns a plain 3-D
    /// <c>embeddings</c> array (no <c>image_patch_start</c>/<c>image_patch_len</c>), and <c>/patches</c> takes a
    /// single <c>{"width","height"}</c> and answers <c>{"n_patches_x","n_patches_y"}</c>.
    /// </summary>
    public bool ColQwenLegacyShapes { get; set; }

    /// <summary>
    /// The dimension of each embedding model, by full id or by its last path segment (case-insensitive).
    /// A model not listed here is refused by the service that would serve it.
    /// </summary>
    public IDictionary<string, int> EmbeddingDimensions { get; set; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["all-MiniLM-L6-v2"] = 384,
        ["bge-m3"] = 1024,
        ["siglip2-base-patch16-224"] = 768,
        ["gte-large-en-v1.5"] = 1024,
        ["GTE-ModernColBERT-v1"] = 128,
        ["colqwen2.5-v0.2"] = 128,
        ["colpali-v1.3"] = 128,
        ["nomic-embed-text"] = 768,
    };

    /// <summary>How much of each request body the request log keeps as text.</summary>
    public int RecordedBodyLimit { get; set; } = 256 * 1024;
}
