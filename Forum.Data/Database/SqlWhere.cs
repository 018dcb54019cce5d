using Dapper;

namespace Forum.Data.Database;

/// <summary>
/// A WHERE clause built clause by clause for optional filters: a clause is added only when its value is given, and
/// every value goes in as a parameter.
/// </summary>
internal sealed class SqlWhere
{
    private readonly List<string> _clauses = [];

    public DynamicParameters Parameters { get; } = new();

    /// <summary>A clause with no value of its own (e.g. "t.IsHidden = 0").</summary>
    public SqlWhere Always(string clause)
    {
        _clauses.Add(clause);
        return this;
    }

    public SqlWhere When<T>(T? value, string clause, string parameter)
        where T : struct
    {
        if (value is { } v)
        {
            _clauses.Add(clause);
            Parameters.Add(parameter, v);
        }

        return this;
    }

    public SqlWhere When(string? value, string clause, string parameter)
    {
        if (value is not null)
        {
            _clauses.Add(clause);
            Parameters.Add(parameter, value);
        }

        return this;
    }

    /// <summary>A clause with several values of its own, added when <paramref name="condition"/> holds.</summary>
    public SqlWhere When(bool condition, string clause, object parameters)
    {
        if (condition)
        {
            _clauses.Add("(" + clause + ")");
            Parameters.AddDynamicParams(parameters);
        }

        return this;
    }

    /// <summary>"WHERE a AND b" and a line break, or nothing when no filter applies.</summary>
    public string Sql => _clauses.Count == 0 ? "" : "WHERE " + string.Join(" AND ", _clauses) + "\n";
}
