namespace Providers.Samples.Tests;

public sealed class SciBoxNotebookTests
{
    [Fact]
    public async Task Scibox_chat_answers_from_its_system_prompt_and_reports_usage()
    {
        string output = await Notebooks.RunAsync("scibox-chat");

        Assert.Contains("SciBox: emulator at http://127.0.0.1:", output);
        Assert.Contains("Augustin-Jean Fresnel designed the Fresnel lens for lighthouses in 1822.", output);
        Assert.Matches(@"finish reason: stop, tokens: \d+ in, \d+ out", output);
    }

    [Fact]
    public async Task Scibox_streaming_prints_the_answer_and_the_usage_of_the_stream()
    {
        string output = await Notebooks.RunAsync("scibox-streaming");

        Assert.Contains("War and Peace by Leo Tolstoy follows five aristocratic families", output);
        Assert.Matches(@"\d+ updates, finish reason: stop, tokens: \d+ in, \d+ out", output);
    }

    [Fact]
    public async Task Scibox_embeddings_embeds_the_batch_with_bge_m3()
    {
        string output = await Notebooks.RunAsync("scibox-embeddings");

        Assert.Contains("2 embeddings of 1024 dimensions from bge-m3", output);
        Assert.Matches(@"cosine similarity: -?\d\.\d{3}", output);
    }

    [Fact]
    public async Task Scibox_models_lists_the_chat_and_embedding_models()
    {
        string output = await Notebooks.RunAsync("scibox-models");

        Assert.Matches(@"Qwen2\.5-72B-Instruct-AWQ\s+owned by", output);
        Assert.Matches(@"bge-m3\s+owned by", output);
    }
}
