using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Providers.Benchmarks.Embeddings;

/// <summary>
/// A loopback Kestrel server that answers every <c>POST /v1/embeddings</c> with one canned OpenAI-style answer of
/// <paramref name="vectors"/> × <paramref name="dimensions"/> random values, as numbers (Python's float repr, as
/// LiteLLM and vLLM print them) or as base64 little-endian float32, whatever the request asked for.
/// </summary>
internal sealed class CannedEmbeddingServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CannedEmbeddingServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<CannedEmbeddingServer> StartAsync(bool base64, int vectors, int dimensions)
    {
        byte[] answer = Answer(base64, vectors, dimensions);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/v1/embeddings", async context =>
        {
            // Drain the request as a real server would before answering.
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = answer.Length;
            await context.Response.Body.WriteAsync(answer);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new CannedEmbeddingServer(app, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static byte[] Answer(bool base64, int vectors, int dimensions)
    {
        var random = new Random(42);
        var json = new StringBuilder("{\"object\":\"list\",\"data\":[");
        var bytes = new byte[dimensions * sizeof(float)];
        for (int i = 0; i < vectors; i++)
        {
            json.Append(i == 0 ? "" : ",").Append("{\"object\":\"embedding\",\"index\":").Append(i).Append(",\"embedding\":");
            float[] vector = [.. Enumerable.Range(0, dimensions).Select(_ => (float)((random.NextDouble() - 0.5) / 8))];
            if (base64)
            {
                for (int d = 0; d < dimensions; d++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(d * sizeof(float)), vector[d]);
                }

                json.Append('"').Append(Convert.ToBase64String(bytes)).Append('"');
            }
            else
            {
                json.Append('[').AppendJoin(',', vector.Select(v => ((double)v).ToString("R", CultureInfo.InvariantCulture))).Append(']');
            }

            json.Append('}');
        }

        json.Append("],\"model\":\"bge-m3\",\"usage\":{\"prompt_tokens\":400,\"total_tokens\":400}}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }
}
