using System.Linq.Expressions;
using Microsoft.Extensions.VectorData.ProviderServices;
using Microsoft.Extensions.VectorData.ProviderServices.Filter;

namespace Providers.VectorData.Search;

/// <summary>
/// Checks that a filter stays within the subset every VectorData provider translates (comparisons of key and data
/// properties with values, <c>&amp;&amp;</c>, <c>||</c>, <c>!</c> and <c>Contains</c>), then compiles it.
/// </summary>
/// <remarks>
/// An in-memory store could run any .NET expression, but a filter that works only here would break on the day the
/// collection moves to a database; and a filter on a vector property has no meaning.
/// </remarks>
internal sealed class RecordFilter : FilterTranslatorBase
{
    /// <summary>Describes the filters the store accepts, for error messages.</summary>
    internal const string Supported =
        "filters may compare key and data properties with values (==, !=, <, <=, >, >=), combine comparisons with " +
        "&&, || and !, test membership with Contains, and test overlap with Any (r.Tags.Any(t => values.Contains(t)))";

    private RecordFilter()
    {
    }

    /// <summary>Validates <paramref name="filter"/> against <paramref name="model"/> and returns it compiled.</summary>
    /// <exception cref="NotSupportedException">The filter leaves the supported subset.</exception>
    /// <exception cref="InvalidOperationException">The filter names a property the record does not declare.</exception>
    public static Func<TRecord, bool> Compile<TRecord>(Expression<Func<TRecord, bool>> filter, CollectionModel model)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var validator = new RecordFilter();
        validator.Check(validator.PreprocessFilter(filter, model, new FilterPreprocessingOptions()), filter);
        return filter.Compile();
    }

    private void Check(Expression node, LambdaExpression filter)
    {
        switch (node)
        {
            case BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.OrElse } logical:
                Check(logical.Left, filter);
                Check(logical.Right, filter);
                return;

            case BinaryExpression
            {
                NodeType: ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan
                    or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual,
            } comparison:
                if (!(IsProperty(comparison.Left) && IsValue(comparison.Right)) && !(IsValue(comparison.Left) && IsProperty(comparison.Right)))
                {
                    throw Unsupported(comparison, filter);
                }

                return;

            case UnaryExpression { NodeType: ExpressionType.Not } not:
                Check(not.Operand, filter);
                return;

            case MethodCallExpression call when IsAnyOfValues(call):
                return;

            case MethodCallExpression call when TryMatchContains(call, out var source, out var item):
                if (!(IsValue(source) && IsProperty(item)) && !(IsProperty(source) && IsValue(item)))
                {
                    throw Unsupported(call, filter);
                }

                return;

            case ConstantExpression { Value: bool }:
                return;

            default:
                // A bool data property used as a condition, e.g. r => r.IsPublished.
                if (node.Type == typeof(bool) && IsProperty(node))
                {
                    return;
                }

                throw Unsupported(node, filter);
        }
    }

    /// <summary>
    /// Matches <c>r.Tags.Any(t =&gt; values.Contains(t))</c>: a collection property sharing an element with a list of
    /// values, which VectorData providers translate as an array overlap.
    /// </summary>
    private bool IsAnyOfValues(MethodCallExpression call)
        => call.Method.DeclaringType == typeof(Enumerable)
            && call.Method.Name == nameof(Enumerable.Any)
            && call.Arguments is [var source, LambdaExpression { Parameters: [var element], Body: MethodCallExpression body }]
            && IsProperty(source)
            && TryMatchContains(body, out var values, out var item)
            && item == element
            && IsValue(values);

    private bool IsProperty(Expression expression)
    {
        if (!TryBindProperty(expression, out var property))
        {
            return false;
        }

        return property is KeyPropertyModel or DataPropertyModel
            ? true
            : throw new NotSupportedException($"The filter uses vector property '{property.ModelName}'; {Supported}.");
    }

    private static bool IsValue(Expression expression)
    {
        while (expression is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert)
        {
            expression = convert.Operand;
        }

        return expression is ConstantExpression or QueryParameterExpression
            || (expression is NewArrayExpression array && array.Expressions.All(IsValue));
    }

    private static NotSupportedException Unsupported(Expression node, LambdaExpression filter)
        => new($"The filter {filter} uses '{node}', which this store does not support: {Supported}.");
}
