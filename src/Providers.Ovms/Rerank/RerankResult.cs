namespace Providers.Ovms;

/// <summary>One document's relevance to a query.</summary>
/// <param name="Index">The document's position in the request.</param>
/// <param name="RelevanceScore">Its relevance; higher is more relevant.</param>
/// <param name="Document">Its text, when the server returns documents.</param>
public sealed record RerankResult(int Index, double RelevanceScore, string? Document);
