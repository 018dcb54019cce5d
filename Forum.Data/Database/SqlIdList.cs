using System.Data;
using System.Globalization;
using Dapper;

namespace Forum.Data.Database;

/// <summary>
/// The ids of a batch for <c>IN (…)</c>: one parameter per id (@T0, @T1, …), so every value stays a parameter and
/// the statement reads like any other. Several statements of one batch can share the list and its parameters.
/// </summary>
internal sealed record SqlIdList(string List, SqlMapper.IDynamicParameters Parameters)
{
    public static SqlIdList Of(IReadOnlyList<long> ids) =>
        new(string.Join(", ", Enumerable.Range(0, ids.Count).Select(Name)), new IdParameters(ids));

    private static string Name(int index) => "@T" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The parameters named as the SQL names them ("@T0"). Dapper would name them "T0", which SQLite looks up four
    /// times (as it is, then with @, $ and : in front), each a scan of the statement's hundreds of names.
    /// </summary>
    private sealed class IdParameters(IReadOnlyList<long> ids) : SqlMapper.IDynamicParameters
    {
        public void AddParameters(IDbCommand command, SqlMapper.Identity identity)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = Name(i);
                parameter.DbType = DbType.Int64;
                parameter.Value = ids[i];
                command.Parameters.Add(parameter);
            }
        }
    }
}
