using Forum.Data.Database;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Forum.Tests.Data.Database;

/// <summary>
/// No SQL Server runs here, so beyond parsing (SqlServerSyntaxTests) every T-SQL statement the repositories send is
/// checked against the schema that the db/sqlserver migrations build: each table it names and each column it uses
/// must exist there. Both sides are read by Microsoft's T-SQL parser (ScriptDom); nothing is matched by text.
/// </summary>
public class SqlServerSchemaTests
{
    private static TSqlFragment Parse(string sql)
    {
        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        var fragment = parser.Parse(reader, out var errors);
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}")) + "\n" + sql);
        return fragment;
    }

    /// <summary>Tables and their columns after every migration: CREATE TABLE, ALTER TABLE … ADD, DROP COLUMN, DROP TABLE.</summary>
    public sealed class Schema
    {
        public Dictionary<string, HashSet<string>> Tables { get; } = new(StringComparer.OrdinalIgnoreCase);

        public static Schema FromMigrations()
        {
            var schema = new Schema();
            foreach (var script in MigrationRunner.ScriptNames(DatabaseProvider.SqlServer))
            {
                Parse(MigrationRunner.ReadScript(script)).Accept(new SchemaBuilder(schema));
            }

            return schema;
        }

        private sealed class SchemaBuilder(Schema schema) : TSqlFragmentVisitor
        {
            private HashSet<string> TableOf(SchemaObjectName name)
            {
                if (!schema.Tables.TryGetValue(name.BaseIdentifier.Value, out var columns))
                {
                    columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    schema.Tables[name.BaseIdentifier.Value] = columns;
                }

                return columns;
            }

            public override void Visit(CreateTableStatement node)
            {
                // Temporary tables of a migration's own are not part of the schema.
                if (!node.SchemaObjectName.BaseIdentifier.Value.StartsWith('#'))
                {
                    TableOf(node.SchemaObjectName).UnionWith(node.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value));
                }
            }

            public override void Visit(AlterTableAddTableElementStatement node) =>
                TableOf(node.SchemaObjectName).UnionWith(node.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value));

            public override void Visit(AlterTableDropTableElementStatement node)
            {
                foreach (var element in node.AlterTableDropTableElements.Where(e => e.TableElementType == TableElementType.Column))
                {
                    TableOf(node.SchemaObjectName).Remove(element.Name.Value);
                }
            }

            public override void Visit(DropTableStatement node)
            {
                foreach (var name in node.Objects)
                {
                    schema.Tables.Remove(name.BaseIdentifier.Value);
                }
            }
        }
    }

    private static readonly Lazy<Schema> Migrated = new(Schema.FromMigrations);

    private static readonly HashSet<string> DateParts = new(StringComparer.OrdinalIgnoreCase)
    {
        "year", "yy", "yyyy", "quarter", "qq", "q", "month", "mm", "m", "dayofyear", "dy", "y", "day", "dd", "d", "week", "wk", "ww",
        "weekday", "dw", "hour", "hh", "minute", "mi", "n", "second", "ss", "s", "millisecond", "ms", "microsecond", "mcs", "nanosecond", "ns",
    };

    private static readonly HashSet<string> DatePartFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "DATEADD", "DATEDIFF", "DATEDIFF_BIG", "DATEPART", "DATENAME", "DATETRUNC", "DATE_BUCKET",
    };

    /// <summary>What one statement names: tables (with their aliases), the names it defines itself, the columns it uses.</summary>
    private sealed class References : TSqlFragmentVisitor
    {
        public List<string> Tables { get; } = [];
        public Dictionary<string, string> Aliases { get; } = new(StringComparer.OrdinalIgnoreCase);
        public HashSet<string> LocalSources { get; } = new(StringComparer.OrdinalIgnoreCase) { "inserted", "deleted" };
        public HashSet<string> LocalColumns { get; } = new(StringComparer.OrdinalIgnoreCase);
        public List<ColumnReferenceExpression> Columns { get; } = [];
        public HashSet<ColumnReferenceExpression> DatePartArguments { get; } = [];

        public override void Visit(NamedTableReference node)
        {
            var name = node.SchemaObject.BaseIdentifier.Value;
            var schema = node.SchemaObject.SchemaIdentifier?.Value;
            if (schema is not null && (schema.Equals("sys", StringComparison.OrdinalIgnoreCase) || schema.Equals("INFORMATION_SCHEMA", StringComparison.OrdinalIgnoreCase)))
            {
                LocalSources.Add(node.Alias?.Value ?? name);
                return;
            }

            Tables.Add(name);
            if (node.Alias is not null)
            {
                Aliases[node.Alias.Value] = name;
            }
        }

        public override void Visit(CommonTableExpression node)
        {
            LocalSources.Add(node.ExpressionName.Value);
            LocalColumns.UnionWith(node.Columns.Select(c => c.Value));
        }

        public override void Visit(QueryDerivedTable node)
        {
            if (node.Alias is not null)
            {
                LocalSources.Add(node.Alias.Value);
            }

            LocalColumns.UnionWith(node.Columns.Select(c => c.Value));
        }

        public override void Visit(InlineDerivedTable node)
        {
            LocalSources.Add(node.Alias.Value);
            LocalColumns.UnionWith(node.Columns.Select(c => c.Value));
        }

        public override void Visit(VariableTableReference node)
        {
            if (node.Alias is not null)
            {
                LocalSources.Add(node.Alias.Value);
            }
        }

        public override void Visit(SchemaObjectFunctionTableReference node)
        {
            if (node.Alias is not null)
            {
                LocalSources.Add(node.Alias.Value);
            }

            LocalColumns.UnionWith(node.Columns.Select(c => c.Value));
        }

        public override void Visit(GlobalFunctionTableReference node)
        {
            // STRING_SPLIT, GENERATE_SERIES …: their columns are the function's own ("value").
            if (node.Alias is not null)
            {
                LocalSources.Add(node.Alias.Value);
            }

            LocalColumns.Add("value");
            LocalColumns.Add("ordinal");
        }

        public override void Visit(BuiltInFunctionTableReference node)
        {
            if (node.Alias is not null)
            {
                LocalSources.Add(node.Alias.Value);
            }
        }

        public override void Visit(OpenJsonTableReference node)
        {
            if (node.Alias is not null)
            {
                LocalSources.Add(node.Alias.Value);
            }

            LocalColumns.UnionWith(node.SchemaDeclarationItems.Select(i => i.ColumnDefinition.ColumnIdentifier.Value));
            LocalColumns.UnionWith(["key", "value", "type"]);
        }

        public override void Visit(SelectScalarExpression node)
        {
            if (node.ColumnName?.Value is { } alias)
            {
                LocalColumns.Add(alias);
            }
        }

        public override void Visit(CreateTableStatement node)
        {
            LocalSources.Add(node.SchemaObjectName.BaseIdentifier.Value);
            LocalColumns.UnionWith(node.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value));
        }

        public override void Visit(DeclareTableVariableBody node)
        {
            LocalSources.Add(node.VariableName.Value);
            LocalColumns.UnionWith(node.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value));
        }

        public override void Visit(MergeSpecification node)
        {
            if (node.TableAlias is not null && node.Target is NamedTableReference target)
            {
                Aliases[node.TableAlias.Value] = target.SchemaObject.BaseIdentifier.Value;
            }
        }

        public override void Visit(FunctionCall node)
        {
            if (DatePartFunctions.Contains(node.FunctionName.Value) && node.Parameters.Count > 0 && node.Parameters[0] is ColumnReferenceExpression part)
            {
                DatePartArguments.Add(part);
            }
        }

        public override void Visit(ColumnReferenceExpression node)
        {
            if (node.ColumnType == ColumnType.Regular && node.MultiPartIdentifier is not null)
            {
                Columns.Add(node);
            }
        }
    }

    /// <summary>What in <paramref name="sql"/> the schema does not have, one line each; empty when all is there.</summary>
    public static List<string> Problems(Schema schema, string sql)
    {
        var references = new References();
        Parse(sql).Accept(references);
        var problems = new List<string>();
        var tables = references.Tables
            .Where(t => !t.StartsWith('#') && !references.LocalSources.Contains(t) && !references.Aliases.ContainsKey(t))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        problems.AddRange(tables.Where(t => !schema.Tables.ContainsKey(t)).Select(t => $"no table {t}"));
        var known = tables.Where(schema.Tables.ContainsKey).ToList();

        foreach (var column in references.Columns)
        {
            var parts = column.MultiPartIdentifier.Identifiers.Select(i => i.Value).ToList();
            var name = parts[^1];
            if (references.DatePartArguments.Contains(column) && DateParts.Contains(name))
            {
                continue;
            }

            if (parts.Count == 1)
            {
                if (!references.LocalColumns.Contains(name) && !known.Any(t => schema.Tables[t].Contains(name)))
                {
                    problems.Add($"no column {name} in {string.Join(", ", known)}");
                }

                continue;
            }

            var qualifier = parts[^2];
            var table = references.Aliases.TryGetValue(qualifier, out var aliased) ? aliased : qualifier;
            if (references.LocalSources.Contains(qualifier) || table.StartsWith('#') || references.LocalSources.Contains(table) && !schema.Tables.ContainsKey(table))
            {
                continue;
            }

            if (!schema.Tables.TryGetValue(table, out var columns))
            {
                problems.Add($"no table or alias {qualifier} (for {string.Join('.', parts)})");
            }
            else if (!columns.Contains(name))
            {
                problems.Add($"no column {table}.{name}");
            }
        }

        return problems.Distinct().ToList();
    }

    public static TheoryData<string> Statements() => new(RepositoryStatements.All(DatabaseProvider.SqlServer).Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Statements))]
    public void Statement_UsesOnlyTablesAndColumnsOfTheMigratedSchema(string name)
    {
        var (_, sql) = RepositoryStatements.All(DatabaseProvider.SqlServer).First(s => s.Name == name);
        if (sql.TrimStart().StartsWith("INSERT", StringComparison.OrdinalIgnoreCase))
        {
            sql += "\n" + SqlDialect.SqlServer.SelectInsertedId;
        }

        var problems = Problems(Migrated.Value, sql);

        Assert.True(problems.Count == 0, $"{name}: {string.Join("; ", problems)}\n{sql}");
    }

    [Fact]
    public void Statements_AreFound()
    {
        Assert.True(RepositoryStatements.Constants(DatabaseProvider.SqlServer).Count() >= 100, "the reflection that finds the SQL constants found too few");
    }

    [Fact]
    public void Schema_FromMigrations_HasEveryTableAndItsLaterColumns()
    {
        var schema = Migrated.Value;

        Assert.Contains("Threads", schema.Tables.Keys);
        Assert.Contains("EscalationDueAt", schema.Tables["Threads"]);
        Assert.Contains("SecurityStamp", schema.Tables["Users"]);
        Assert.Contains("Ticket", schema.Tables["Sessions"]);
        Assert.DoesNotContain(schema.Tables.Keys, t => t.StartsWith('#'));
    }

    [Theory]
    [InlineData("SELECT t.Id, t.Titel FROM Threads t", "no column Threads.Titel")]
    [InlineData("SELECT Id FROM Thread", "no table Thread")]
    [InlineData("UPDATE Threads SET Staus = 'Open' WHERE Id = @Id", "no column Staus in Threads")]
    [InlineData("INSERT INTO Posts (ThreadId, Bodyy) VALUES (@ThreadId, @Body)", "no column Bodyy in Posts")]
    [InlineData("SELECT x.Id FROM Threads t", "no table or alias x (for x.Id)")]
    [InlineData("WITH due AS (SELECT Id FROM Threads) SELECT d.Id, p.Nope FROM due d JOIN Posts p ON p.ThreadId = d.Id", "no column Posts.Nope")]
    public void Problems_NameAMissingTableOrColumn_SoTheCheckAboveMeansSomething(string sql, string expected) =>
        Assert.Contains(expected, Problems(Migrated.Value, sql));

    [Theory]
    [InlineData("WITH due AS (SELECT Id AS ThreadId FROM Threads) SELECT d.ThreadId FROM due d")]
    [InlineData("SELECT s.Total FROM (SELECT COUNT(*) AS Total FROM Posts) s ORDER BY Total")]
    [InlineData("CREATE TABLE #ids (Id bigint); INSERT INTO #ids (Id) SELECT Id FROM Threads; SELECT i.Id FROM #ids i")]
    [InlineData("SELECT DATEADD(minute, 5, CreatedAt) AS Later FROM Threads WITH (UPDLOCK, ROWLOCK) WHERE Id = @Id")]
    [InlineData("UPDATE t SET t.Status = 'Open' OUTPUT inserted.Id FROM Threads t WHERE t.Id = @Id")]
    public void Problems_UnderstandAliasesCtesTempTablesAndDateParts(string sql) =>
        Assert.Empty(Problems(Migrated.Value, sql));
}
