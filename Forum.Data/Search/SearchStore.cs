using System.Data.Common;
using System.Text;
using Dapper;
using Forum.Core.Search;
using Forum.Data.Complaints;
using Forum.Data.Database;

namespace Forum.Data.Search;

/// <summary>
/// Where the two databases differ for search, in one type per provider: how the index is stored and queried.
/// SQLite uses FTS5; SQL Server uses a term table (<c>ThreadSearchTerms</c>) with the same terms, which runs on
/// every edition (Azure SQL and containers included) without the Full-Text Search feature.
/// </summary>
internal abstract class SearchStore
{
    public static SearchStore For(SqlDialect dialect) => dialect.Provider switch
    {
        DatabaseProvider.Sqlite => SqliteSearchStore.Instance,
        _ => SqlServerSearchStore.Instance,
    };

    /// <summary>Visible threads without an index entry, oldest first, after <c>@After</c>, at most <c>@Take</c>.</summary>
    public abstract string MissingThreadsSql { get; }

    public abstract Task WriteAsync(DbConnection connection, DbTransaction transaction, SearchDocument document, CancellationToken cancellationToken);

    public abstract Task RemoveAsync(DbConnection connection, DbTransaction transaction, long threadId, CancellationToken cancellationToken);

    /// <summary>
    /// One page of results (up to <see cref="SearchRequest.PageSize"/> + 1 rows, so the caller can tell whether another
    /// page follows), in the request's order. <paramref name="rarity"/> holds each clause's
    /// <see cref="SearchRanking.Rarity"/> where the engine ranks with it (SQLite); null counts every clause alike.
    /// </summary>
    public abstract Task<List<ThreadSummaryRow>> FindAsync(DbConnection connection, SearchRequest request, IReadOnlyList<double>? rarity, CancellationToken cancellationToken);

    /// <summary>
    /// The query that finds a request's results (for the syntax and plan checks): the page itself, or on SQLite's best
    /// match the candidates that are then ranked.
    /// </summary>
    public abstract (string Sql, DynamicParameters Parameters) BuildSearch(SearchRequest request);

    /// <summary>The filters every search shares with the lists; the table alias is <c>t</c>.</summary>
    protected static SqlWhere Filters(SearchRequest request) => new SqlWhere()
        .Always("t.IsHidden = 0")
        .When(request.CompanyId, "t.CompanyId = @CompanyId", "CompanyId")
        .When(request.ProjectId, "t.ProjectId = @ProjectId", "ProjectId")
        .When(request.CategoryId, "t.CategoryId = @CategoryId", "CategoryId")
        .When(request.Status?.ToString(), "t.Status = @Status", "Status")
        .When(request.Overdue is not null, ThreadRepository.OverdueCondition, new { OverdueAt = request.Overdue?.Now });

    protected static void AddPaging(SqlWhere where, SearchRequest request)
    {
        where.Parameters.Add("Take", request.PageSize + 1);
        where.Parameters.Add("Skip", (Math.Clamp(request.Page, 1, SearchRequest.MaxPage) - 1) * request.PageSize);
    }
}

/// <summary>
/// FTS5, contentless (the terms are not stored twice) with deletes by rowid = thread id. The columns hold the terms
/// of <see cref="SearchTokenizer"/> separated by spaces, so FTS5's own tokenizer only splits on them. A query is
/// sent as quoted phrases, so nothing a visitor types is read as an FTS5 operator.
/// </summary>
internal sealed class SqliteSearchStore : SearchStore
{
    public static readonly SqliteSearchStore Instance = new();

    public override string MissingThreadsSql => """
        SELECT t.Id FROM Threads t
        WHERE t.Id > @After AND t.IsHidden = 0 AND NOT EXISTS (SELECT 1 FROM ThreadSearch s WHERE s.rowid = t.Id)
        ORDER BY t.Id LIMIT @Take
        """;

    private const string DeleteSqliteOnly = "DELETE FROM ThreadSearch WHERE rowid = @ThreadId";
    private const string InsertSqliteOnly = "INSERT INTO ThreadSearch (rowid, Title, Body) VALUES (@ThreadId, @Title, @Body)";

    public override async Task WriteAsync(DbConnection connection, DbTransaction transaction, SearchDocument document, CancellationToken cancellationToken)
    {
        await RemoveAsync(connection, transaction, document.ThreadId, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(InsertSqliteOnly,
            new { document.ThreadId, Title = string.Join(' ', document.TitleTerms), Body = string.Join(' ', document.BodyTerms) },
            transaction, cancellationToken: cancellationToken));
    }

    public override Task RemoveAsync(DbConnection connection, DbTransaction transaction, long threadId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(DeleteSqliteOnly, new { ThreadId = threadId }, transaction, cancellationToken: cancellationToken));

    /// <summary>Each clause as a quoted phrase (<c>"漏水"</c>, <c>"电梯 梯噪 噪音"</c>) or a quoted prefix (<c>"栋"*</c>).</summary>
    internal static string MatchExpression(SearchQuery query) => string.Join(' ', query.Clauses.Select(Phrase));

    private static string Phrase(SearchClause clause) =>
        "\"" + string.Join(' ', clause.Terms).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" + (clause.IsPrefix ? "*" : "");

    /// <summary>
    /// The threads from <c>@Lowest</c> on, in ascending order, whose title holds a clause (a <c>{Title} : …</c> filter in
    /// @Match, with the other clauses required too, so the walk stays within the whole query's matches).
    /// </summary>
    private const string TitleHitsSqliteOnly = "SELECT rowid FROM ThreadSearch WHERE ThreadSearch MATCH @Match AND rowid >= @Lowest ORDER BY rowid";

    /// <summary>The list rows of a ranked page; the index holds visible threads only, and the check says so again.</summary>
    private const string PageRowsSqliteOnly = "SELECT " + ThreadRepository.ListColumns + "\nFROM Threads t\n" + ThreadRepository.ListJoins
        + "WHERE t.Id IN @Ids AND t.IsHidden = 0";

    public override (string Sql, DynamicParameters Parameters) BuildSearch(SearchRequest request)
    {
        var where = Filters(request).Always("ThreadSearch MATCH @Match");
        where.Parameters.Add("Match", MatchExpression(request.Query));
        if (request.Order == SearchOrder.Newest)
        {
            // Newest first walks the FTS index backwards by rowid and stops after one page.
            AddPaging(where, request);
            return ("SELECT " + ThreadRepository.ListColumns + "\nFROM ThreadSearch s\nJOIN Threads t ON t.Id = s.rowid\n"
                + ThreadRepository.ListJoins + where.Sql + "ORDER BY s.rowid DESC\nLIMIT @Take OFFSET @Skip", where.Parameters);
        }

        // Best match ranks the newest @Candidates matches, found by the same backwards walk, so its cost follows the
        // candidate count rather than how common the words are. Without a filter the walk reads the index alone: it
        // holds visible threads only.
        where.Parameters.Add("Candidates", request.CandidateLimit);
        var sql = IsFiltered(request)
            ? "SELECT s.rowid FROM ThreadSearch s\nJOIN Threads t ON t.Id = s.rowid\n" + where.Sql + "ORDER BY s.rowid DESC\nLIMIT @Candidates"
            : "SELECT rowid FROM ThreadSearch\nWHERE ThreadSearch MATCH @Match\nORDER BY rowid DESC\nLIMIT @Candidates";
        return (sql, where.Parameters);
    }

    private static bool IsFiltered(SearchRequest request) =>
        request is not { CompanyId: null, ProjectId: null, CategoryId: null, Status: null, Overdue: null };

    public override async Task<List<ThreadSummaryRow>> FindAsync(DbConnection connection, SearchRequest request, IReadOnlyList<double>? rarity, CancellationToken cancellationToken)
    {
        var (sql, parameters) = BuildSearch(request);
        if (request.Order == SearchOrder.Newest)
        {
            return (await connection.QueryAsync<ThreadSummaryRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).AsList();
        }

        List<long> candidates; // newest first
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)))
        {
            candidates = await ReadIdsAsync(reader, request.CandidateLimit, cancellationToken);
        }

        if (candidates.Count == 0)
        {
            return [];
        }

        // Which candidates hold each clause in their title: one walk per clause over the candidates' id range, with the
        // other clauses required too. A candidate holds every clause, so one not in the title is in the body.
        var phrases = request.Query.Clauses.Select(Phrase).ToList();
        var clauses = new List<SearchRanking.ClauseHits>(phrases.Count);
        for (var i = 0; i < phrases.Count; i++)
        {
            var match = "{Title} : " + phrases[i] + string.Concat(phrases.Where((_, j) => j != i).Select(p => " AND " + p));
            clauses.Add(new SearchRanking.ClauseHits(
                rarity is not null && i < rarity.Count ? rarity[i] : 1.0,
                await TitleHitsAsync(connection, match, candidates[^1], candidates.Count, cancellationToken)));
        }

        var skip = (Math.Clamp(request.Page, 1, SearchRequest.MaxPage) - 1) * request.PageSize;
        var page = SearchRanking.Order(candidates, clauses).Skip(skip).Take(request.PageSize + 1).ToList();
        if (page.Count == 0)
        {
            return [];
        }

        var rows = (await connection.QueryAsync<ThreadSummaryRow>(new CommandDefinition(PageRowsSqliteOnly, new { Ids = page }, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.Id);
        return [.. page.Where(rows.ContainsKey).Select(id => rows[id])];
    }

    /// <summary>The walk of <see cref="TitleHitsSqliteOnly"/>, on a command of its own (no mapping, no parameter cache).</summary>
    private static async Task<List<long>> TitleHitsAsync(DbConnection connection, string match, long lowest, int expected, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = TitleHitsSqliteOnly;
        AddParameter(command, "@Match", match);
        AddParameter(command, "@Lowest", lowest);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadIdsAsync(reader, expected, cancellationToken);
    }

    /// <summary>The thread ids in the first column, read without mapping: a few thousand per search, so each row's cost counts.</summary>
    private static async Task<List<long>> ReadIdsAsync(DbDataReader reader, int expected, CancellationToken cancellationToken)
    {
        var ids = new List<long>(expected);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

/// <summary>
/// A term table: one row per (term, thread) with a weight (occurrences, title occurrences counting four), keyed by
/// term so each clause is an index seek. Every clause must match; a phrase is matched as all of its bigrams. The
/// terms use a binary collation so that a case- or accent-insensitive database collation cannot merge two terms.
/// </summary>
internal sealed class SqlServerSearchStore : SearchStore
{
    public static readonly SqlServerSearchStore Instance = new();

    /// <summary>SQL Server allows 2,100 parameters in a statement: 2 per row and a margin.</summary>
    internal const int RowsPerInsert = 900;

    public override string MissingThreadsSql => """
        SELECT t.Id FROM Threads t
        WHERE t.Id > @After AND t.IsHidden = 0 AND NOT EXISTS (SELECT 1 FROM ThreadSearchIndexed x WHERE x.ThreadId = t.Id)
        ORDER BY t.Id OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY
        """;

    private const string DeleteTermsSql = "DELETE FROM ThreadSearchTerms WHERE ThreadId = @ThreadId";
    private const string DeleteIndexedSql = "DELETE FROM ThreadSearchIndexed WHERE ThreadId = @ThreadId";
    private const string MarkIndexedSql = "INSERT INTO ThreadSearchIndexed (ThreadId) VALUES (@ThreadId)";

    public override async Task WriteAsync(DbConnection connection, DbTransaction transaction, SearchDocument document, CancellationToken cancellationToken)
    {
        await RemoveAsync(connection, transaction, document.ThreadId, cancellationToken);
        var weights = Weights(document);
        foreach (var chunk in weights.Chunk(RowsPerInsert))
        {
            var (sql, parameters) = BuildInsertTerms(document.ThreadId, chunk);
            await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(MarkIndexedSql, new { document.ThreadId }, transaction, cancellationToken: cancellationToken));
    }

    public override async Task RemoveAsync(DbConnection connection, DbTransaction transaction, long threadId, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(DeleteTermsSql, new { ThreadId = threadId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(DeleteIndexedSql, new { ThreadId = threadId }, transaction, cancellationToken: cancellationToken));
    }

    internal static List<KeyValuePair<string, int>> Weights(SearchDocument document)
    {
        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in document.TitleTerms)
        {
            weights[term] = weights.GetValueOrDefault(term) + SearchRanking.TitleWeight;
        }

        foreach (var term in document.BodyTerms)
        {
            weights[term] = weights.GetValueOrDefault(term) + SearchRanking.BodyWeight;
        }

        return [.. weights];
    }

    internal static (string Sql, DynamicParameters Parameters) BuildInsertTerms(long threadId, IReadOnlyList<KeyValuePair<string, int>> rows)
    {
        var parameters = new DynamicParameters();
        parameters.Add("ThreadId", threadId);
        var sql = new StringBuilder("INSERT INTO ThreadSearchTerms (Term, ThreadId, Weight) VALUES ");
        for (var i = 0; i < rows.Count; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append("(@T").Append(i).Append(", @ThreadId, @W").Append(i).Append(')');
            parameters.Add("T" + i, rows[i].Key, System.Data.DbType.String, size: 32);
            parameters.Add("W" + i, rows[i].Value);
        }

        return (sql.ToString(), parameters);
    }

    public override async Task<List<ThreadSummaryRow>> FindAsync(DbConnection connection, SearchRequest request, IReadOnlyList<double>? rarity, CancellationToken cancellationToken)
    {
        // The weights are in the term table already (SearchRanking's title and body weights, times occurrences).
        var (sql, parameters) = BuildSearch(request);
        return (await connection.QueryAsync<ThreadSummaryRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).AsList();
    }

    public override (string Sql, DynamicParameters Parameters) BuildSearch(SearchRequest request)
    {
        var where = Filters(request);
        var exact = request.Query.Clauses.Where(c => !c.IsPrefix).SelectMany(c => c.Terms).Distinct(StringComparer.Ordinal).ToList();
        var prefixes = request.Query.Clauses.Where(c => c.IsPrefix).SelectMany(c => c.Terms).Distinct(StringComparer.Ordinal).ToList();
        var relevance = request.Order == SearchOrder.Relevance;
        var top = relevance ? "TOP (@Candidates) " : "";
        var newestFirst = relevance ? "\n    ORDER BY m.ThreadId DESC" : "";
        string candidates;
        if (exact.Count > 0)
        {
            // Driven by the first exact term's rows, newest first (the key is (Term, ThreadId), so this is a backwards
            // range seek that stops after @Candidates); each other term is one key seek, each single character one
            // seek on the thread's own terms. Every term is required, as on SQLite.
            var from = new StringBuilder("FROM ThreadSearchTerms m\n");
            var score = new StringBuilder("m.Weight");
            where.Always("m.Term = @Q0");
            where.Parameters.Add("Q0", exact[0], System.Data.DbType.String, size: 32);
            for (var i = 1; i < exact.Count; i++)
            {
                from.Append("    JOIN ThreadSearchTerms h").Append(i).Append(" ON h").Append(i).Append(".Term = @Q").Append(i)
                    .Append(" AND h").Append(i).Append(".ThreadId = m.ThreadId\n");
                score.Append(" + h").Append(i).Append(".Weight");
                where.Parameters.Add("Q" + i, exact[i], System.Data.DbType.String, size: 32);
            }

            for (var i = 0; i < prefixes.Count; i++)
            {
                // A single character: the first character of any of the thread's terms (a term never contains % or _).
                from.Append("    CROSS APPLY (SELECT MAX(w.Weight) AS Weight FROM ThreadSearchTerms w WHERE w.ThreadId = m.ThreadId AND w.Term LIKE @P")
                    .Append(i).Append(") x").Append(i).Append('\n');
                score.Append(" + x").Append(i).Append(".Weight");
                where.Always("x" + i + ".Weight IS NOT NULL");
                where.Parameters.Add("P" + i, prefixes[i] + "%", System.Data.DbType.String, size: 32);
            }

            candidates = "WITH Candidates AS (\n    SELECT " + top + "m.ThreadId, " + score + " AS Score\n    " + from
                + "    JOIN Threads t ON t.Id = m.ThreadId\n    " + where.Sql + newestFirst + "\n)\n";
        }
        else
        {
            // Only single characters: each is a range of terms, so the hits are gathered and counted per thread.
            var hits = new StringBuilder();
            for (var i = 0; i < prefixes.Count; i++)
            {
                hits.Append(i == 0 ? "" : "\n    UNION ALL\n    ")
                    .Append("SELECT ThreadId, ").Append(i).Append(" AS Clause, MAX(Weight) AS Weight FROM ThreadSearchTerms WHERE Term LIKE @P")
                    .Append(i).Append(" GROUP BY ThreadId");
                where.Parameters.Add("P" + i, prefixes[i] + "%", System.Data.DbType.String, size: 32);
            }

            where.Parameters.Add("Required", prefixes.Count);
            candidates = "WITH Hits AS (\n    " + hits + "\n),\nMatched AS (\n"
                + "    SELECT ThreadId, SUM(Weight) AS Score FROM Hits GROUP BY ThreadId HAVING COUNT(DISTINCT Clause) = @Required\n),\n"
                + "Candidates AS (\n    SELECT " + top + "m.ThreadId, m.Score\n    FROM Matched m\n    JOIN Threads t ON t.Id = m.ThreadId\n    "
                + where.Sql + newestFirst + "\n)\n";
        }

        if (relevance)
        {
            where.Parameters.Add("Candidates", request.CandidateLimit);
        }

        AddPaging(where, request);
        var order = relevance ? "ORDER BY k.Score DESC, t.Id DESC" : "ORDER BY t.Id DESC";
        var sql = candidates + "SELECT " + ThreadRepository.ListColumns + "\nFROM Candidates k\nJOIN Threads t ON t.Id = k.ThreadId\n"
            + ThreadRepository.ListJoins + order + "\nOFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY";
        return (sql, where.Parameters);
    }
}
