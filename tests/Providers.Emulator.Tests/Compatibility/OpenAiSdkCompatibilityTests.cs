using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI.Chat;
using OpenAI.Embeddings;
using SkiaSharp;

namespace Providers.Emulator.Tests.Compatibility;

/// <summary>
/// The official OpenAI .NET SDK, an independent client, must accept every OpenAI-compatible emulation:
/// if the emulator drifted from the wire format, these would fail in the SDK's own parsers.
/// </summary>
public sealed class OpenAiSdkCompatibilityTests : EmulatorTest
{
    public static TheoryData<EmulatedService, string> ChatServices => new()
    {
        { EmulatedService.SciBox, "Qwen2.5-72B-Instruct-AWQ" },
        { EmulatedService.SvRay, "openai/gpt-oss-20b" },
        { EmulatedService.SvInference, "Qwen/Qwen2.5-VL-72B-Instruct" },
        { EmulatedService.Spirit, "llama3.2" },
    };

    public static TheoryData<EmulatedService, string> EmbeddingServices => new()
    {
        { EmulatedService.SciBox, "bge-m3" },
        { EmulatedService.Spirit, "nomic-embed-text" },
    };

    [Theory]
    [MemberData(nameof(ChatServices))]
    public async Task Lists_models(EmulatedService service, string chatModel)
    {
        var models = await OpenAiSdkClients.For(Emulator, service).GetOpenAIModelClient().GetModelsAsync();

        Assert.Contains(models.Value, m => m.Id == chatModel);
    }

    [Theory]
    [MemberData(nameof(ChatServices))]
    public async Task Completes_a_chat(EmulatedService service, string chatModel)
    {
        var chat = OpenAiSdkClients.For(Emulator, service).GetChatClient(chatModel);

        ChatCompletion completion = await chat.CompleteChatAsync(
            new SystemChatMessage("Water boils at 100 degrees Celsius. Ice melts at 0 degrees."),
            new UserChatMessage("At what temperature does water boil?"));

        Assert.Equal("Water boils at 100 degrees Celsius.", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.True(completion.Usage.TotalTokenCount > 0);
    }

    [Theory]
    [MemberData(nameof(ChatServices))]
    public async Task Streams_a_chat_with_usage(EmulatedService service, string chatModel)
    {
        var chat = OpenAiSdkClients.For(Emulator, service).GetChatClient(chatModel);
        var text = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;

        await foreach (var update in chat.CompleteChatStreamingAsync(
            [new SystemChatMessage("Owls hunt at night."), new UserChatMessage("When do owls hunt?")],
            new ChatCompletionOptions()))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        Assert.Equal("Owls hunt at night.", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
    }

    [Fact]
    public async Task Sends_an_image_part_to_the_vision_model()
    {
        var chat = OpenAiSdkClients.For(Emulator, EmulatedService.SvInference).GetChatClient("Qwen/Qwen2.5-VL-72B-Instruct");
        var image = BinaryData.FromBytes(TestImages.Encode(64, 48, SKColors.Red, SKEncodedImageFormat.Jpeg));

        ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(
            ChatMessageContentPart.CreateTextPart("What is in this picture?"),
            ChatMessageContentPart.CreateImagePart(image, "image/jpeg")));

        Assert.Contains("64x48 JPEG image, mostly red", completion.Content[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EmbeddingServices))]
    public async Task Embeds_as_base64_the_SDK_default(EmulatedService service, string model)
    {
        var embeddings = OpenAiSdkClients.For(Emulator, service).GetEmbeddingClient(model);

        OpenAIEmbeddingCollection result = await embeddings.GenerateEmbeddingsAsync(["first text", "second text"]);

        Assert.Equal([0, 1], result.Select(e => e.Index));
        Assert.All(result, e => Assert.InRange(Vectors.Norm(e.ToFloats().ToArray()), 0.999, 1.001));
    }

    [Theory]
    [MemberData(nameof(EmbeddingServices))]
    public async Task Embeds_as_floats(EmulatedService service, string model)
    {
        var embeddings = OpenAiSdkClients.For(Emulator, service).GetEmbeddingClient(model);

        ClientResult raw = await embeddings.GenerateEmbeddingsAsync(
            BinaryContent.Create(BinaryData.FromString($$"""{"model":"{{model}}","input":["first text"],"encoding_format":"float"}""")));
        var result = ModelReaderWriter.Read<OpenAIEmbeddingCollection>(raw.GetRawResponse().Content)!;
        var base64 = await embeddings.GenerateEmbeddingAsync("first text");

        Assert.Equal(base64.Value.ToFloats().ToArray(), result[0].ToFloats().ToArray());
    }
}
