using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Providers.VectorData.Orleans.Wire;

namespace Providers.VectorData.Orleans.Postgres;

/// <summary>The PostgreSQL side of the store: the catalog of collections and the records of each shard.</summary>
/// <remarks>
/// One row per record, keyed by collection and key, with the shard it belongs to; a shard reloads its rows in
/// insertion order with a binary <c>COPY</c>, which streams at the speed the server reads them.
/// </remarks>
internal sealed class ShardRepository(NpgsqlDataSource dataSource)
{
    /// <summary>Records the collection if it is new; returns the schema it has now (the given one, or the one it was created with).</summary>
    [RequiresUnreferencedCode("The schema is serialized as JSON by reflection.")]
    [RequiresDynamicCode("The schema is serialized as JSON by reflection.")]
    public async Task<ShardSchema> EnsureCollectionAsync(string name, ShardSchema schema, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH added AS (
                INSERT INTO pvli_collections (name, schema) VALUES ($1, $2)
                ON CONFLICT (name) DO NOTHING
                RETURNING schema)
            SELECT schema FROM added UNION ALL SELECT schema FROM pvli_collections WHERE name = $1 LIMIT 1
            """);
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(schema, ShardJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb });
        string stored = (string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return JsonSerializer.Deserialize<ShardSchema>(stored, ShardJson.Options)!;
    }

    [RequiresUnreferencedCode("The schema is deserialized from JSON by reflection.")]
    [RequiresDynamicCode("The schema is deserialized from JSON by reflection.")]
    public async Task<ShardSchema?> FindCollectionAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT schema FROM pvli_collections WHERE name = $1");
        command.Parameters.Add(new() { Value = name });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json
            ? JsonSerializer.Deserialize<ShardSchema>(json, ShardJson.Options)
            : null;
    }

    public async Task<bool> DeleteCollectionAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM pvli_collections WHERE name = $1");
        command.Parameters.Add(new() { Value = name });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<string[]> ListCollectionsAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await using var command = dataSource.CreateCommand("SELECT name FROM pvli_collections ORDER BY name COLLATE \"C\"");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(reader.GetString(0));
        }

        return [.. names];
    }

    /// <summary>Reserves <paramref name="count"/> consecutive insertion numbers of a collection and returns the first, or null if it does not exist.</summary>
    public async Task<long?> ReserveSequencesAsync(string name, int count, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE pvli_collections SET next_seq = next_seq + $2 WHERE name = $1 RETURNING next_seq - $2");
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = (long)count });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
    }

    /// <summary>Inserts or replaces records in one transaction; a replaced record keeps its insertion number.</summary>
    /// <returns>False if the collection no longer exists (nothing is written).</returns>
    public async Task<bool> UpsertAsync(string collection, int shard, IReadOnlyList<ShardRecord> records, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO pvli_records (collection, shard, key, seq, data, vectors)
            SELECT c.name, $2, r.key, r.seq, r.data, r.vectors
            FROM pvli_collections c, unnest($3::text[], $4::bigint[], $5::jsonb[], $6::bytea[]) AS r(key, seq, data, vectors)
            WHERE c.name = $1
            ON CONFLICT (collection, key) DO UPDATE SET data = excluded.data, vectors = excluded.vectors
            """);
        command.Parameters.Add(new() { Value = collection });
        command.Parameters.Add(new() { Value = shard });
        command.Parameters.Add(new() { Value = records.Select(r => r.Key).ToArray() });
        command.Parameters.Add(new() { Value = records.Select(r => r.Sequence).ToArray() });
        command.Parameters.Add(new() { Value = records.Select(r => r.Data).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = records.Select(r => VectorCodec.Encode(r.Vectors)).ToArray() });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == records.Count;
    }

    public async Task DeleteAsync(string collection, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM pvli_records WHERE collection = $1 AND key = ANY($2)");
        command.Parameters.Add(new() { Value = collection });
        command.Parameters.Add(new() { Value = keys.ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Streams a shard's records in insertion order with a binary <c>COPY</c>.</summary>
    public async IAsyncEnumerable<ShardRecord> LoadShardAsync(
        string collection, int shard, int vectorCount, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // COPY takes no parameters: the name goes in as a literal, quotes doubled (standard_conforming_strings is on
        // by default since PostgreSQL 9.1, so backslashes are not escapes).
        string literal = "'" + collection.Replace("'", "''", StringComparison.Ordinal) + "'";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var export = await connection.BeginBinaryExportAsync(
            $"COPY (SELECT key, seq, data, vectors FROM pvli_records WHERE collection = {literal} AND shard = {shard} ORDER BY seq) TO STDOUT (FORMAT BINARY)",
            cancellationToken).ConfigureAwait(false);
        while (await export.StartRowAsync(cancellationToken).ConfigureAwait(false) != -1)
        {
            string key = await export.ReadAsync<string>(NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            long sequence = await export.ReadAsync<long>(NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            string data = await export.ReadAsync<string>(NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
            byte[] vectors = await export.ReadAsync<byte[]>(NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
            yield return new ShardRecord { Key = key, Sequence = sequence, Data = data, Vectors = VectorCodec.Decode(vectors, vectorCount, key) };
        }
    }
}
