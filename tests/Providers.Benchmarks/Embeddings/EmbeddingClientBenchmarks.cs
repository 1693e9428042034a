using System.ClientModel;
using System.ClientModel.Primitives;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using OpenAI;
using Providers.Core.OpenAI;
using Providers.SciBox;

namespace Providers.Benchmarks.Embeddings;

/// <summary>
/// The client's cost of one embeddings request of 50 inputs × 1024 dimensions against a loopback server with a canned
/// answer: our <see cref="SciBoxEmbeddingGenerator"/> against Microsoft.Extensions.AI's OpenAI generator (the OpenAI
/// SDK pointed at the same server), with the answer's vectors as numbers and as base64. The server runs in the same
/// process; its share (writing a canned byte array) is the same for both clients.
/// </summary>
[MemoryDiagnoser]
public class EmbeddingClientBenchmarks
{
    private const int Inputs = 50;
    private const int Dimensions = 1024;

    private readonly string[] _inputs = [.. Enumerable.Range(0, Inputs).Select(i => $"Input text number {i} for the embedding benchmark.")];
    private CannedEmbeddingServer _server = null!;
    private HttpClient _http = null!;
    private IEmbeddingGenerator<string, Embedding<float>> _ours = null!;
    private IEmbeddingGenerator<string, Embedding<float>> _openAI = null!;

    /// <summary>Gets or sets how the server encodes vectors (ours asks for the same; the OpenAI SDK always asks for base64).</summary>
    [Params(EmbeddingEncoding.Float, EmbeddingEncoding.Base64)]
    public EmbeddingEncoding Encoding { get; set; }

    /// <summary>Starts the server and builds both clients over one <see cref="HttpClient"/>.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await CannedEmbeddingServer.StartAsync(Encoding == EmbeddingEncoding.Base64, Inputs, Dimensions);
        _http = new HttpClient();
        _ours = new SciBoxEmbeddingGenerator(_http, new SciBoxOptions { Endpoint = _server.BaseAddress, ApiKey = "benchmark", EmbeddingEncoding = Encoding });
        _openAI = new OpenAIClient(new ApiKeyCredential("benchmark"), new OpenAIClientOptions
        {
            Endpoint = new Uri(_server.BaseAddress, "v1"),
            Transport = new HttpClientPipelineTransport(_http),
        }).GetEmbeddingClient("bge-m3").AsIEmbeddingGenerator();
    }

    /// <summary>Stops the server.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _ours.Dispose();
        _openAI.Dispose();
        _http.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>Microsoft.Extensions.AI.OpenAI's generator.</summary>
    [Benchmark(Baseline = true, Description = "M.E.AI OpenAI generator")]
    public async Task<int> OpenAIGenerator() => (await _openAI.GenerateAsync(_inputs)).Count;

    /// <summary>Our SciBox generator.</summary>
    [Benchmark(Description = "SciBoxEmbeddingGenerator")]
    public async Task<int> SciBoxGenerator() => (await _ours.GenerateAsync(_inputs)).Count;
}
