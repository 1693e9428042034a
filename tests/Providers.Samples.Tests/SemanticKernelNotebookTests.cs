namespace Providers.Samples.Tests;

public sealed class SemanticKernelNotebookTests
{
    [Fact]
    public async Task Semantic_kernel_searches_the_store_and_answers_through_the_model_s_tool_calls()
    {
        string output = await Notebooks.RunAsync("semantic-kernel");

        Assert.Contains("search \"volcano in Sicily\": Mount Etna", output);
        Assert.Matches("kernel prompt: .*printing press in Mainz around 1440", output);
        Assert.Matches("chat completion service: .*Honey bees tell their nest mates where food is with the waggle dance", output);
    }
}
