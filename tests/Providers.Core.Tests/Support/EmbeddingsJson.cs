using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Providers.Core.Tests.Support;

/// <summary>Writes OpenAI-style embedding answers and reads OpenAI-style embedding requests, for loopback handlers.</summary>
internal static class EmbeddingsJson
{
    public static string Response(params float[][] vectors) => Response(vectors.Select((vector, index) => (index, vector)));

    public static string Response(IEnumerable<(int Index, float[] Vector)> items, object? usage = null) => JsonSerializer.Serialize(new
    {
        @object = "list",
        data = items.Select(item => new { @object = "embedding", index = item.Index, embedding = item.Vector }),
        model = "loopback-embedder",
        usage,
    });

    /// <summary>Answers with the one-dimensional vector [1] for every input of the request.</summary>
    public static async Task<IResult> OnePerInputAsync(HttpRequest request) => OnePerInput(await ReadInputsAsync(request));

    /// <summary>Answers with the one-dimensional vector [1] for every input.</summary>
    public static IResult OnePerInput(string[] inputs) => Results.Text(Response([.. inputs.Select(_ => new[] { 1f })]), "application/json");

    /// <summary>Reads the inputs of an embeddings request, leaving the body readable again.</summary>
    public static async Task<string[]> ReadInputsAsync(HttpRequest request)
    {
        request.EnableBuffering();
        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        string body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return Inputs(body);
    }

    public static string[] Inputs(string requestBody)
    {
        using var document = JsonDocument.Parse(requestBody);
        return [.. document.RootElement.GetProperty("input").EnumerateArray().Select(input => input.GetString()!)];
    }
}
