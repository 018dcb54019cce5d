using System.Data;
using System.Data.Common;

namespace Forum.Data.Database;

/// <summary>A parameter of a <see cref="RowCommand"/>: its name as the SQL writes it (<c>@Name</c>), its type, its value in a row.</summary>
internal sealed record RowParameter<T>(string Name, DbType Type, Func<T, object?> Value);

/// <summary>
/// One statement run once per row inside the caller's transaction (a batch's inserts and updates): the command and its
/// parameters are made once, and each row only sets the values. Dapper's multi-row execute makes every parameter again
/// for every row and names it without its <c>@</c>, which SQLite then looks up twice; at a sweep's tens of thousands of
/// rows that was a sixth of the sweep's time. Values are sent as Dapper sends them here (<see cref="DapperSetup"/>):
/// times as UTC datetime2, strings up to 4,000 characters as nvarchar(4000) so SQL Server reuses one plan.
/// </summary>
internal static class RowCommand
{
    public static async Task ExecuteEachAsync<T>(
        DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<RowParameter<T>> parameters, IEnumerable<T> rows,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        var bound = new DbParameter[parameters.Count];
        for (var i = 0; i < bound.Length; i++)
        {
            bound[i] = command.CreateParameter();
            bound[i].ParameterName = parameters[i].Name;
            bound[i].DbType = parameters[i].Type;
            command.Parameters.Add(bound[i]);
        }

        foreach (var row in rows)
        {
            for (var i = 0; i < bound.Length; i++)
            {
                var value = parameters[i].Value(row);
                bound[i].Value = value switch
                {
                    null => DBNull.Value,
                    DateTime { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
                    _ => value,
                };
                if (value is string text)
                {
                    bound[i].Size = text.Length <= 4000 ? 4000 : -1;
                }
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
