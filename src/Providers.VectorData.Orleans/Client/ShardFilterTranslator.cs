using System.Linq.Expressions;
using Microsoft.Extensions.VectorData.ProviderServices;
using Microsoft.Extensions.VectorData.ProviderServices.Filter;
using Providers.VectorData.Orleans.Wire;
using Providers.VectorData.Search;

namespace Providers.VectorData.Orleans.Client;

/// <summary>
/// Translates a caller's filter into a <see cref="ShardFilter"/> the shards rebuild, accepting exactly what the
/// single-machine store accepts: comparisons of key and data properties with values, <c>&amp;&amp;</c>, <c>||</c>,
/// <c>!</c>, <c>bool</c> properties, <c>Contains</c> and <c>Any</c> over a list of values.
/// </summary>
internal sealed class ShardFilterTranslator : FilterTranslatorBase
{
    private ShardFilterTranslator()
    {
    }

    /// <exception cref="NotSupportedException">The filter leaves the supported subset or uses a vector property.</exception>
    public static ShardFilter Translate(LambdaExpression filter, CollectionModel model)
    {
        var translator = new ShardFilterTranslator();
        return translator.Translate(translator.PreprocessFilter(filter, model, new FilterPreprocessingOptions()), filter);
    }

    /// <summary>Returns the name of the property an ordering selector such as <c>r =&gt; r.Year</c> reads.</summary>
    public static string OrderingProperty(LambdaExpression selector, CollectionModel model)
    {
        var translator = new ShardFilterTranslator();
        var body = translator.PreprocessFilter(selector, model, new FilterPreprocessingOptions());
        while (body is UnaryExpression { NodeType: ExpressionType.Convert } convert)
        {
            body = convert.Operand;
        }

        return translator.TryBindProperty(body, out var property) && property is KeyPropertyModel or DataPropertyModel
            ? property.ModelName
            : throw new NotSupportedException($"The ordering {selector} does not name a key or data property.");
    }

    private ShardFilter Translate(Expression node, LambdaExpression filter)
    {
        switch (node)
        {
            case BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.OrElse } logical:
                return new ShardFilter
                {
                    Kind = logical.NodeType == ExpressionType.AndAlso ? ShardFilterKind.And : ShardFilterKind.Or,
                    Children = [Translate(logical.Left, filter), Translate(logical.Right, filter)],
                };

            case BinaryExpression
            {
                NodeType: ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan
                    or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual,
            } comparison:
                if (Property(comparison.Left) is { } left && TryValue(comparison.Right, out var right))
                {
                    return Compare(left, comparison.NodeType, right);
                }

                if (TryValue(comparison.Left, out var value) && Property(comparison.Right) is { } property)
                {
                    return Compare(property, Mirror(comparison.NodeType), value);
                }

                throw Unsupported(comparison, filter);

            case UnaryExpression { NodeType: ExpressionType.Not } not:
                return new ShardFilter { Kind = ShardFilterKind.Not, Children = [Translate(not.Operand, filter)] };

            case MethodCallExpression call when TryMatchAnyOfValues(call, out var source, out var values):
                if (Property(source) is { } overlapping && TryValue(values, out var overlap))
                {
                    return new ShardFilter { Kind = ShardFilterKind.AnyInList, Property = overlapping.ModelName, ValueJson = Json(overlap) };
                }

                throw Unsupported(call, filter);

            case MethodCallExpression call when TryMatchContains(call, out var source, out var item):
                if (TryValue(source, out var list) && Property(item) is { } member)
                {
                    return new ShardFilter { Kind = ShardFilterKind.InList, Property = member.ModelName, ValueJson = Json(list) };
                }

                if (Property(source) is { } collection && TryValue(item, out var element))
                {
                    return new ShardFilter { Kind = ShardFilterKind.CollectionContains, Property = collection.ModelName, ValueJson = Json(element) };
                }

                throw Unsupported(call, filter);

            case ConstantExpression { Value: bool constant }:
                return new ShardFilter { Kind = ShardFilterKind.Constant, Constant = constant };

            default:
                // A bool data property used as a condition, e.g. r => r.IsPublished.
                if (node.Type == typeof(bool) && Property(node) is { } flag)
                {
                    return new ShardFilter { Kind = ShardFilterKind.BoolProperty, Property = flag.ModelName };
                }

                throw Unsupported(node, filter);
        }
    }

    /// <summary>Matches <c>r.Tags.Any(t =&gt; values.Contains(t))</c>, returning <c>r.Tags</c> and <c>values</c>.</summary>
    private bool TryMatchAnyOfValues(MethodCallExpression call, out Expression source, out Expression values)
    {
        (source, values) = (call, call);
        if (call.Method.DeclaringType == typeof(Enumerable)
            && call.Method.Name == nameof(Enumerable.Any)
            && call.Arguments is [var collection, LambdaExpression { Parameters: [var element], Body: MethodCallExpression body }]
            && TryMatchContains(body, out var list, out var item)
            && item == element)
        {
            (source, values) = (collection, list);
            return true;
        }

        return false;
    }

    private PropertyModel? Property(Expression expression)
    {
        if (!TryBindProperty(expression, out var property))
        {
            return null;
        }

        return property is KeyPropertyModel or DataPropertyModel
            ? property
            : throw new NotSupportedException($"The filter uses vector property '{property.ModelName}'; {RecordFilter.Supported}.");
    }

    private static bool TryValue(Expression expression, out object? value)
    {
        while (expression is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert)
        {
            expression = convert.Operand;
        }

        switch (expression)
        {
            case ConstantExpression constant:
                value = constant.Value;
                return true;
            case QueryParameterExpression parameter:
                value = parameter.Value;
                return true;
            case NewArrayExpression array when array.Expressions.All(e => TryValue(e, out _)):
                value = array.Expressions.Select(e => TryValue(e, out var item) ? item : null).ToArray();
                return true;
            default:
                value = null;
                return false;
        }
    }

    private static ShardFilter Compare(PropertyModel property, ExpressionType comparison, object? value)
        => new() { Kind = ShardFilterKind.Compare, Property = property.ModelName, Comparison = comparison, ValueJson = Json(value) };

    private static ExpressionType Mirror(ExpressionType comparison) => comparison switch
    {
        ExpressionType.LessThan => ExpressionType.GreaterThan,
        ExpressionType.LessThanOrEqual => ExpressionType.GreaterThanOrEqual,
        ExpressionType.GreaterThan => ExpressionType.LessThan,
        ExpressionType.GreaterThanOrEqual => ExpressionType.LessThanOrEqual,
        _ => comparison,
    };

#pragma warning disable IL2026, IL3050 // Filter values are plain data the caller wrote in the filter.
    private static string Json(object? value) => ShardJson.Serialize(value, value?.GetType() ?? typeof(object));
#pragma warning restore IL2026, IL3050

    private static NotSupportedException Unsupported(Expression node, LambdaExpression filter)
        => new($"The filter {filter} uses '{node}', which this store does not support: {RecordFilter.Supported}.");
}
