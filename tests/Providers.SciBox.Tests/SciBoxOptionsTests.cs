namespace Providers.SciBox.Tests;

public sealed class SciBoxOptionsTests
{
    [Fact]
    public void Defaults_to_the_public_endpoint_and_the_documented_models()
    {
        var options = new SciBoxOptions();

        Assert.Equal(SciBoxOptions.DefaultEndpoint, options.Endpoint);
        Assert.Equal(Uri.UriSchemeHttps, options.Endpoint!.Scheme);
        Assert.Equal("Qwen2.5-72B-Instruct-AWQ", options.ChatModelId);
        Assert.Equal("bge-m3", options.EmbeddingModelId);
        Assert.Equal(Providers.Core.OpenAI.EmbeddingEncoding.Float, options.EmbeddingEncoding);
    }

    [Fact]
    public void A_client_without_a_token_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new SciBoxChatClient(new SciBoxOptions()));

        Assert.Contains("SciBoxOptions.ApiKey is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_every_problem_of_the_settings()
    {
        var options = new SciBoxOptions { Endpoint = new Uri("ftp://example.org/"), ChatModelId = " ", EmbeddingModelId = "" };

        var errors = options.GetValidationErrors().ToList();

        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("SciBoxOptions.Endpoint", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SciBoxOptions.ApiKey", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SciBoxOptions.ChatModelId", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SciBoxOptions.EmbeddingModelId", StringComparison.Ordinal));
    }
}
