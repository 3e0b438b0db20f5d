namespace VillageReports.Common;

/// <summary>Either a value or the <see cref="Problem"/> that prevented it.</summary>
public readonly struct Result<T>
{
    private Result(T? value, Problem? problem)
    {
        Value = value;
        Problem = problem;
    }

    public T? Value { get; }
    public Problem? Problem { get; }

    /// <summary>For values of interface type, which C# will not convert implicitly.</summary>
#pragma warning disable CA1000 // a factory on the generic type reads best at the call site
    public static Result<T> Success(T value) => new(value, null);
#pragma warning restore CA1000

    /// <summary>Runs the next step on the value, or passes the problem on without running it.</summary>
    public async Task<Result<TNext>> ThenAsync<TNext>(Func<T, Task<Result<TNext>>> next) =>
        Problem is { } problem ? problem : await next(Value!);

    /// <summary>Runs the next step on the value, or passes the problem on without running it.</summary>
    public async Task<Result<TNext>> ThenAsync<TNext>(Func<T, Task<TNext>> next) =>
        Problem is { } problem ? problem : Result<TNext>.Success(await next(Value!));

#pragma warning disable CA2225 // the implicit conversions are the point: services return a value or a problem
    public static implicit operator Result<T>(T value) => new(value, null);
    public static implicit operator Result<T>(Problem problem) => new(default, problem);
#pragma warning restore CA2225
}
