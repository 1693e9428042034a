using Providers.ColQwen.Onnx.Tokenization;

namespace Providers.ColQwen.Onnx.Tests.Tokenization;

/// <summary>Token sequences against the ones tools/colqwen-onnx/make_tiny_model.py's reference BPE produced.</summary>
public class PromptTests
{
    private static readonly ColQwenTokenizer Tokenizer = ColQwenTokenizer.Load(Fixtures.TinyModel);

    public static TheoryData<int> QueryIndexes() => [0, 1, 2];

    [Theory]
    [MemberData(nameof(QueryIndexes))]
    public void Formats_a_query_with_the_prefix_and_ten_augmentation_tokens(int index)
    {
        var expected = Fixtures.Expected()["queries"]![index]!;

        int[] ids = Tokenizer.EncodeQuery(expected["text"]!.GetValue<string>(), "Query: ", 10);

        Assert.Equal(Fixtures.Ints(expected["inputIds"]), ids);
    }

    [Fact]
    public void Expands_the_image_pad_token_to_the_page_token_count()
    {
        var expected = Fixtures.Expected()["pages"]![1]!;
        int imageTokens = expected["imagePatchLength"]!.GetValue<int>();

        int[] ids = Tokenizer.EncodePage(imageTokens);

        Assert.Equal(Fixtures.Ints(expected["inputIds"]), ids);
        Assert.Equal(expected["imagePatchStart"]!.GetValue<int>(), Tokenizer.PageImageStart);
    }

    [Fact]
    public void Leaves_out_the_prefix_when_it_is_empty()
    {
        int[] without = Tokenizer.EncodeQuery("red box", string.Empty, 10);

        Assert.Equal([.. Tokenizer.Encode("red box"), .. Enumerable.Repeat(Tokenizer.Special.EndOfText, 10)], without);
    }

    [Fact]
    public void Recognises_special_tokens_written_in_the_text_as_Hugging_Face_does()
    {
        var ids = Tokenizer.Encode("a<|endoftext|>");

        Assert.Equal(Tokenizer.Special.EndOfText, ids[^1]);
    }

    [Fact]
    public void Reads_the_same_tokenizer_from_tokenizer_json_alone()
    {
        var fromJson = ColQwenTokenizer.Load(Path.Combine(Fixtures.TinyModel, "tokenizer-json"));

        Assert.Equal(Tokenizer.Special, fromJson.Special);
        Assert.Equal(Tokenizer.EncodeQuery("Où est la légende ?", "Query: ", 10), fromJson.EncodeQuery("Où est la légende ?", "Query: ", 10));
    }

    [Fact]
    public void Names_the_special_tokens_a_tokenizer_lacks()
    {
        using var model = Fixtures.CopyTinyModel();
        File.WriteAllText(model.Path("tokenizer_config.json"), """{"added_tokens_decoder":{"365":{"content":"<|endoftext|>"}}}""");

        var error = Assert.Throws<ColQwenModelException>(() => ColQwenTokenizer.Load(model.Directory));

        Assert.Contains("<|image_pad|>", error.Message);
    }
}
