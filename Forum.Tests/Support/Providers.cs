namespace Forum.Tests.Support;

/// <summary>Theory data: every data test runs on SQLite, and on SQL Server when one is configured.</summary>
public sealed class Providers : TheoryData<string>
{
    public Providers()
    {
        Add("Sqlite");
        Add("SqlServer");
    }
}
