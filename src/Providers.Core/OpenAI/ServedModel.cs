namespace Providers.Core.OpenAI;

/// <summary>A model an OpenAI-style service lists at <c>GET /models</c>.</summary>
/// <param name="Id">The model id to put in requests, e.g. <c>bge-m3</c>.</param>
/// <param name="OwnedBy">Who the service says owns it (LiteLLM answers <c>openai</c>, OVMS <c>OVMS</c>), if given.</param>
/// <param name="CreatedAt">When the service says it was created, if given.</param>
public sealed record ServedModel(string Id, string? OwnedBy, DateTimeOffset? CreatedAt);
