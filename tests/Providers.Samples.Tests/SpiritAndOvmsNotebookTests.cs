namespace Providers.Samples.Tests;

public sealed class SpiritAndOvmsNotebookTests
{
    [Fact]
    public async Task Spirit_sync_returns_the_handler_output_in_the_same_call()
    {
        string output = await Notebooks.RunAsync("spirit-sync");

        Assert.Contains("jobs waiting in the queue: 0", output);
        Assert.Contains("""handler output (48 bytes): {"audio":"http://your-audio.wav","model":"base"}""", output);
    }

    [Fact]
    public async Task Spirit_async_webhook_receives_the_result_on_its_own_webhook()
    {
        string output = await Notebooks.RunAsync("spirit-async-webhook");

        Assert.Matches(@"webhook: http://127\.0\.0\.1:\d+/spirit/webhook", output);
        Assert.Matches(@"submitted Spirit-GPU job [0-9a-f-]{36}, sequence \d+", output);
        Assert.Contains("""result through the webhook (33 bytes): {"prompt":"hello","sleep_ms":200}""", output);
    }

    [Fact]
    public async Task Spirit_proxy_chat_answers_through_both_apis()
    {
        string output = await Notebooks.RunAsync("spirit-proxy-chat");

        Assert.Contains("OpenAI API (llama3.2): The sky looks blue because air scatters blue sunlight more than red sunlight.", output);
        Assert.Contains("Ollama API, streamed: The sky looks blue because air scatters blue sunlight more than red sunlight.", output);
    }

    [Fact]
    public async Task Ovms_waits_for_the_model_then_embeds()
    {
        string output = await Notebooks.RunAsync("ovms");

        Assert.Matches(@"Alibaba-NLP/gte-large-en-v1\.5\s+version 1: Available", output);
        Assert.Matches(@"Hello my name is\s+1024 dimensions: \[", output);
        Assert.Matches(@"Model server can support embeddings endpoint\s+1024 dimensions: \[", output);
    }
}
