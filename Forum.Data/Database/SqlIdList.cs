using System.Text;
using Dapper;

namespace Forum.Data.Database;

/// <summary>
/// The ids of a batch for <c>IN (…)</c>: one parameter per id (@T0, @T1, …), so every value stays a parameter and
/// the statement reads like any other. Several statements of one batch can share the list and its parameters.
/// </summary>
internal sealed record SqlIdList(string List, DynamicParameters Parameters)
{
    public static SqlIdList Of(IReadOnlyList<long> ids)
    {
        var parameters = new DynamicParameters();
        var list = new StringBuilder();
        for (var i = 0; i < ids.Count; i++)
        {
            list.Append(i == 0 ? "" : ", ").Append("@T").Append(i);
            parameters.Add("T" + i, ids[i]);
        }

        return new SqlIdList(list.ToString(), parameters);
    }
}
