using System.Text.Json;

namespace Providers.Emulator.Tests.SciBox;

/// <summary>
/// How the stand-in chat model picks its answer from the context, asked over SciBox's chat route. The sentences are
/// made up for each rule, none from the RAG sample's documents, so that each shows a rule rather than a corpus.
/// </summary>
public sealed class StandInAnswerTests : EmulatorTest
{
    private const string NotFound = "I could not find the answer in the provided context.";

    [Fact]
    public async Task Matches_the_questions_words_in_their_other_inflections()
    {
        string answer = await AskAsync(
            "The ferry crosses the bay twice a day. In winter it stops at the northern pier.",
            "Where does the ferry stop in winter?");

        Assert.Equal("In winter it stops at the northern pier.", answer);
    }

    [Fact]
    public async Task Weighs_a_word_written_as_the_question_writes_it_above_one_that_only_shares_its_stem()
    {
        // Both sentences share two stems with the question; only the second writes both words as the question does.
        string answer = await AskAsync(
            "The frost of 1963 damaged the old bridge. Frost cracks roads when water freezes inside them.",
            "How does frost damage roads?");

        Assert.Equal("Frost cracks roads when water freezes inside them.", answer);
    }

    [Fact]
    public async Task Answers_a_question_asking_who_with_the_sentence_that_names_someone()
    {
        string answer = await AskAsync(
            "The comet returns about every 76 years. Edmond Halley predicted its return after studying earlier sightings. The comet's tail points away from the sun.",
            "Who found out when the comet comes back?");

        Assert.Equal("Edmond Halley predicted its return after studying earlier sightings.", answer);
    }

    [Fact]
    public async Task Does_not_answer_a_question_asking_who_with_a_sentence_that_names_no_one()
    {
        string answer = await AskAsync("The chapel ceiling was painted in four years.", "Who painted the chapel ceiling?");

        Assert.Equal(NotFound, answer);
    }

    [Fact]
    public async Task Does_not_take_a_year_for_the_quantity_a_question_asks_for()
    {
        string answer = await AskAsync(
            "The undersea tunnel opened in 1994. It runs for 50 kilometres between the two coasts.",
            "How long is the undersea tunnel?");

        Assert.Equal("It runs for 50 kilometres between the two coasts.", answer);
    }

    [Fact]
    public async Task Answers_a_question_asking_what_the_X_of_something_is_only_with_a_sentence_that_mentions_X()
    {
        const string context = "The weather satellite launched last year carries two cameras. Its weight is 450 kilograms.";

        string weight = await AskAsync(context, "What is the weight of the weather satellite launched last year?");
        string price = await AskAsync(context, "What is the price of the weather satellite launched last year?");

        Assert.Equal("Its weight is 450 kilograms.", weight);
        Assert.Equal(NotFound, price);
    }

    [Fact]
    public async Task Does_not_answer_what_a_wh_question_asks_about_a_named_topic_with_a_sentence_that_only_names_it()
    {
        const string context = "The Louvre Pyramid was designed by an architect from China. The Louvre Pyramid is made of glass and steel.";

        string cleaning = await AskAsync(context, "When is the Louvre Pyramid closed for cleaning?");
        string material = await AskAsync(context, "Is the Louvre Pyramid made of glass?");
        string summary = await AskAsync(context, "Describe the Louvre Pyramid in one sentence.");

        Assert.Equal(NotFound, cleaning);
        Assert.Equal("The Louvre Pyramid is made of glass and steel.", material);
        Assert.Equal("The Louvre Pyramid was designed by an architect from China.", summary);
    }

    private async Task<string> AskAsync(string context, string question)
    {
        using var client = Client(EmulatedService.SciBox);
        var (_, body) = await PostAsync(client, "v1/chat/completions", JsonSerializer.Serialize(new
        {
            model = "Qwen2.5-72B-Instruct-AWQ",
            messages = new[] { new { role = "system", content = context }, new { role = "user", content = question } },
        }));
        return body["choices"]![0]!["message"]!["content"]!.GetValue<string>();
    }
}
