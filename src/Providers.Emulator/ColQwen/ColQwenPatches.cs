using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Providers.Emulator.Errors;
using Providers.Emulator.Hosting;
using Providers.Emulator.Models;

namespace Providers.Emulator.ColQwen;

/// <summary>
/// <c>POST /patches</c>: the batch form <c>{"dimensions":[{"width","height"}]}</c> validated as pydantic validates
/// <c>List[dict[str, int]]</c>, each item answered or failed on its own; and the older single <c>{"width","height"}</c>
/// under <see cref="EmulatorOptions.ColQwenLegacyShapes"/>.
/// </summary>
internal static class ColQwenPatches
{
    public static async Task BatchAsync(HttpContext context)
    {
        var body = await FastApiBody.ReadModelAsync(context).ConfigureAwait(false);
        var dimensions = ValidDimensions(body);
        var results = new JsonArray();
        foreach (var item in dimensions)
        {
            // A missing side makes the service build {"width":null,..,"error":"'width'"}, which its own response
            // model then rejects: the whole request ends as a plain-text 500.
            if (!item.TryGetValue("width", out var width) || !item.TryGetValue("height", out var height))
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("Internal Server Error", context.RequestAborted).ConfigureAwait(false);
                return;
            }

            // Impossible sizes fail inside the service's per-item try: that item carries the processor's message.
            results.Add(PatchGrid.TryFor(width, height, out var grid, out var error)
                ? new JsonObject { ["width"] = width, ["height"] = height, ["n_patches_x"] = grid.PatchesX, ["n_patches_y"] = grid.PatchesY }
                : new JsonObject { ["width"] = width, ["height"] = height, ["error"] = error });
        }

        await JsonBody.WriteAsync(context, new JsonObject { ["results"] = results }).ConfigureAwait(false);
    }

    /// <summary>The older <c>/patches</c>: one <c>{"width","height"}</c> in, <c>{"n_patches_x","n_patches_y"}</c> out.</summary>
    public static async Task SingleAsync(HttpContext context)
    {
        var body = await FastApiBody.ReadModelAsync(context).ConfigureAwait(false);
        var errors = new List<JsonObject>();
        var width = Required(body, "width", errors);
        var height = Required(body, "height", errors);
        if (errors.Count > 0)
        {
            throw FastApiErrors.Rejection(errors);
        }

        // The older service wrapped every processor error (the aspect-ratio check, a zero side) in a 500 of its own.
        if (!PatchGrid.TryFor(width, height, out var grid, out var error))
        {
            throw new RequestRejectedException(500, $"Error getting number of patches: {error}");
        }

        await JsonBody.WriteAsync(context, new JsonObject { ["n_patches_x"] = grid.PatchesX, ["n_patches_y"] = grid.PatchesY }).ConfigureAwait(false);
    }

    private static List<Dictionary<string, long>> ValidDimensions(JsonObject body)
    {
        var errors = new List<JsonObject>();
        var items = new List<Dictionary<string, long>>();
        switch (body["dimensions"])
        {
            case null when !body.ContainsKey("dimensions"):
                errors.Add(FastApiErrors.Error("missing", ["body", "dimensions"], "Field required", body));
                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is not JsonObject item)
                    {
                        errors.Add(FastApiErrors.Error("dict_type", ["body", "dimensions", i], "Input should be a valid dictionary", list[i]));
                        continue;
                    }

                    var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
                    foreach (var (key, value) in item)
                    {
                        if (PydanticInt.TryRead(value, out var number, out var type, out var message))
                        {
                            sizes[key] = number;
                        }
                        else
                        {
                            errors.Add(FastApiErrors.Error(type, ["body", "dimensions", i, key], message, value));
                        }
                    }

                    items.Add(sizes);
                }

                break;
            case var other:
                errors.Add(FastApiErrors.Error("list_type", ["body", "dimensions"], "Input should be a valid list", other));
                break;
        }

        return errors.Count == 0 ? items : throw FastApiErrors.Rejection(errors);
    }

    private static long Required(JsonObject body, string field, List<JsonObject> errors)
    {
        if (!body.ContainsKey(field))
        {
            errors.Add(FastApiErrors.Error("missing", ["body", field], "Field required", body));
            return 0;
        }

        if (PydanticInt.TryRead(body[field], out var number, out var type, out var message))
        {
            return number;
        }

        errors.Add(FastApiErrors.Error(type, ["body", field], message, body[field]));
        return 0;
    }
}

/// <summary>
/// pydantic v2's lax <c>int</c> for JSON input: integers, floats without a fractional part, booleans and strings that
/// read as integers pass; anything else fails with pydantic's error type and message.
/// </summary>
internal static class PydanticInt
{
    public static bool TryRead(JsonNode? value, out long number, out string type, out string message)
    {
        (number, type, message) = (0, string.Empty, string.Empty);
        switch (value?.GetValueKind())
        {
            case JsonValueKind.Number when value.AsValue().TryGetValue(out long integer):
                number = integer;
                return true;
            case JsonValueKind.Number:
                var real = value.GetValue<double>();
                if (Math.Floor(real) == real && Math.Abs(real) < long.MaxValue)
                {
                    number = (long)real;
                    return true;
                }

                (type, message) = ("int_from_float", "Input should be a valid integer, got a number with a fractional part");
                return false;
            case JsonValueKind.True or JsonValueKind.False:
                number = value.GetValue<bool>() ? 1 : 0;
                return true;
            case JsonValueKind.String when long.TryParse(value.GetValue<string>().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                number = parsed;
                return true;
            case JsonValueKind.String:
                (type, message) = ("int_parsing", "Input should be a valid integer, unable to parse string as an integer");
                return false;
            default:
                (type, message) = ("int_type", "Input should be a valid integer");
                return false;
        }
    }
}
