namespace Providers.Samples.Tests;

public sealed class SvNotebookTests
{
    [Fact]
    public async Task Sv_text_embeddings_embeds_each_text_with_minilm_dimensions()
    {
        string output = await Notebooks.RunAsync("sv-text-embeddings");

        Assert.Contains("SV Ray cluster: emulator at http://127.0.0.1:", output);
        Assert.Matches(@"Hello, world!\s+384 dimensions, cosine to the first: 1\.000", output);
        Assert.Matches(@"Another sentence\.\s+384 dimensions", output);
        Assert.Matches(@"Hello there, world\.\s+384 dimensions", output);
    }

    [Fact]
    public async Task Sv_image_embeddings_embeds_images_then_captions_in_one_space()
    {
        string output = await Notebooks.RunAsync("sv-image-embeddings");

        Assert.Contains("4 embeddings of 768 dimensions (images first, then texts)", output);
        Assert.Matches("\"A sunset over the sea\" is closest to (sunset.png|inclined-plane.jpg)", output);
        Assert.Matches("\"A block on an inclined plane\" is closest to (sunset.png|inclined-plane.jpg)", output);
    }

    [Fact]
    public async Task Gpt_oss_chat_prints_the_reasoning_apart_from_the_answer()
    {
        string output = await Notebooks.RunAsync("gpt-oss-chat");

        // The sample asks for low reasoning effort, which the gpt-oss stand-in answers with one short sentence.
        Assert.Matches(@"reasoning: The context says: ""Sunlight is scattered", output);
        Assert.Contains("answer:    Sunlight is scattered by air molecules, and blue light is scattered far more than red light.", output);
    }

    [Fact]
    public async Task Qwen_vl_image_describes_the_image_it_was_sent()
    {
        string output = await Notebooks.RunAsync("qwen-vl-image");

        Assert.Contains("SV inference server: emulator at http://127.0.0.1:", output);
        Assert.Contains("I see a 480x320 JPEG image", output);
        Assert.Matches(@"model: Qwen/Qwen2\.5-VL-72B-Instruct, tokens: \d+ in, \d+ out", output);
    }
}
