using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CreativeGen.Cluster.Tests.Api;

/// <summary>A logger provider that keeps every entry (after the host's filters), so tests can see what was logged and how.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. entries];

    /// <summary>A mark to pass to <see cref="Since"/>: entries logged from now on.</summary>
    public int Mark() => entries.Count;

    public IReadOnlyList<LogEntry> Since(int mark) => [.. entries.Skip(mark)];

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception));
    }
}

public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : $" [{Exception.GetType().Name}]")}";
}
