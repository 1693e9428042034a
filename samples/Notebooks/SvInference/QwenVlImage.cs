// SV inference server: Qwen2.5-VL explains an image. The image travels inside the message as a data URI
// (data:image/jpeg;base64,...), as in the seed's example (seed: sv-ray-cluster-and-inference.md, section 2.1).
//
//   SV_INFERENCE_URL  the inference server's base URL, e.g. http://10.0.10.66:8123 (unset: the in-process emulator)
//
//   dotnet run --project samples/Notebooks -- qwen-vl-image

using Microsoft.Extensions.AI;
using Providers.SvInference;

namespace Providers.Samples.Notebooks.SvInference;

internal static class QwenVlImage
{
    public static async Task RunAsync(SampleServices services, TextWriter output, CancellationToken cancellationToken)
    {
        var server = await services.SvInferenceAsync(cancellationToken);
        using IChatClient client = new SvInferenceChatClient(new SvInferenceOptions { Endpoint = server.Endpoint });

        byte[] image = await File.ReadAllBytesAsync(SampleFiles.Image("inclined-plane.jpg"), cancellationToken);
        var question = new ChatMessage(ChatRole.User,
        [
            new TextContent("Explain this image and put the explanation in a LaTeX tutorial."),
            new DataContent(image, "image/jpeg"),
        ]);
        var response = await client.GetResponseAsync([question], new ChatOptions { MaxOutputTokens = 5000 }, cancellationToken);

        output.WriteLine(response.Text);
        output.WriteLine($"model: {response.ModelId}, tokens: {response.Usage?.InputTokenCount} in, {response.Usage?.OutputTokenCount} out");
    }
}
