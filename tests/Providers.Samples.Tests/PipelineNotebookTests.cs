namespace Providers.Samples.Tests;

public sealed class PipelineNotebookTests
{
    [Fact]
    public async Task Middleware_batches_retries_the_throttled_request_and_keeps_every_embedding()
    {
        string output = await Notebooks.RunAsync("middleware");

        Assert.Equal(2, CountOf(output, "providers.client.batch.size: 16"));
        Assert.Equal(1, CountOf(output, "providers.client.batch.size: 8"));
        Assert.Contains("providers.client.retries: 1", output);
        Assert.Contains("providers.client.throttled_wait: 0.2 s", output);
        Assert.Contains("40 embeddings for 40 texts, 1024 dimensions each", output);
    }

    [Fact]
    public async Task Dependency_injection_resolves_configured_clients_and_names_a_missing_setting()
    {
        string output = await Notebooks.RunAsync("dependency-injection");

        Assert.Matches(@"chat: SciBox at http://127\.0\.0\.1:\d+/scibox/, model Qwen2\.5-72B-Instruct-AWQ", output);
        Assert.Contains("embedding: 1024 dimensions", output);
        Assert.Contains("without the token: SciBoxOptions.ApiKey is required: set it to your SciBox token. (configuration section 'Providers:SciBox')", output);
    }

    private static int CountOf(string text, string value) => text.Split(value).Length - 1;
}
