using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace AeFramework.Data.Loading;

/// <summary>
/// Builds batches on worker threads ahead of the trainer. A dispatcher hands batch jobs to the workers in
/// epoch order and queues each job's pending result in a bounded channel, so the consumer receives batches
/// in order and at most <see cref="DataLoaderOptions.PrefetchBatches"/> wait ahead of it. Each sample draws
/// from its own seeded stream, so the batches do not depend on the worker count.
/// </summary>
public sealed class DataLoader
{
    private readonly DataLoaderOptions _options;

    public DataLoader(SamplePipeline pipeline, DataLoaderOptions options)
    {
        if (options.BatchSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"BatchSize must be positive, got {options.BatchSize}");
        }
        if (options.Workers < 0 || options.PrefetchBatches < Math.Max(1, options.Workers))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"need Workers >= 0 and PrefetchBatches >= max(1, Workers), got {options.Workers} and {options.PrefetchBatches}");
        }
        Pipeline = pipeline;
        _options = options;
    }

    public SamplePipeline Pipeline { get; }

    public DataLoaderOptions Options => _options;

    /// <summary>Batches per epoch (before any samples are skipped).</summary>
    public int BatchesPerEpoch
    {
        get
        {
            var n = Pipeline.Dataset.Count;
            return _options.DropLast ? n / _options.BatchSize : (n + _options.BatchSize - 1) / _options.BatchSize;
        }
    }

    /// <summary>The dataset indices of each batch of <paramref name="epoch"/>, in order.</summary>
    public IReadOnlyList<int[]> EpochPlan(int epoch)
    {
        var order = SampleSeeds.EpochOrder(_options.Seed, epoch, Pipeline.Dataset.Count, _options.Shuffle);
        return Enumerable.Range(0, BatchesPerEpoch)
            .Select(b => order.AsSpan(b * _options.BatchSize, Math.Min(_options.BatchSize, order.Length - b * _options.BatchSize)).ToArray())
            .ToArray();
    }

    /// <summary>The batches of <paramref name="epoch"/> as tensors, in order, blocking while the next one is built.</summary>
    public IEnumerable<Batch> Epoch(int epoch, CancellationToken cancellation = default) =>
        EpochAsync(epoch, cancellation).ToBlockingEnumerable(cancellation);

    /// <summary>The batches of <paramref name="epoch"/> as tensors, in order. Batches the consumer never received are disposed.</summary>
    public async IAsyncEnumerable<Batch> EpochAsync(int epoch, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        await foreach (var host in HostEpochAsync(epoch, cancellation).ConfigureAwait(false))
        {
            yield return host.ToTensors();
        }
    }

    /// <summary>The collated batches of <paramref name="epoch"/> in managed memory, in order.</summary>
    public async IAsyncEnumerable<HostBatch> HostEpochAsync(int epoch, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var plan = EpochPlan(epoch);
        if (_options.Workers == 0)
        {
            for (var b = 0; b < plan.Count; b++)
            {
                if (Pipeline.BuildBatch(plan[b], _options.Seed, epoch, b, cancellation) is { } inline)
                {
                    yield return inline;
                }
            }
            yield break;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var token = stop.Token;
        var jobs = Channel.CreateUnbounded<(int Batch, TaskCompletionSource<HostBatch?> Result)>(
            new UnboundedChannelOptions { SingleWriter = true });
        var ready = Channel.CreateBounded<Task<HostBatch?>>(
            new BoundedChannelOptions(_options.PrefetchBatches) { SingleWriter = true, SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

        var dispatcher = Task.Run(async () =>
        {
            try
            {
                for (var b = 0; b < plan.Count; b++)
                {
                    var result = new TaskCompletionSource<HostBatch?>(TaskCreationOptions.RunContinuationsAsynchronously);
                    await ready.Writer.WriteAsync(result.Task, token).ConfigureAwait(false);
                    await jobs.Writer.WriteAsync((b, result), token).ConfigureAwait(false);
                }
            }
            finally
            {
                jobs.Writer.TryComplete();
                ready.Writer.TryComplete();
            }
        }, CancellationToken.None);

        var workers = Enumerable.Range(0, _options.Workers).Select(_ => Task.Run(async () =>
        {
            await foreach (var (b, result) in jobs.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                try
                {
                    result.TrySetResult(Pipeline.BuildBatch(plan[b], _options.Seed, epoch, b, token));
                }
                catch (Exception e)
                {
                    result.TrySetException(e);
                }
            }
        }, CancellationToken.None)).ToArray();

        try
        {
            await foreach (var pending in ready.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                // Batches already queued must not outrun a cancellation.
                token.ThrowIfCancellationRequested();
                var batch = await pending.WaitAsync(token).ConfigureAwait(false);
                if (batch is not null)
                {
                    yield return batch;
                }
            }
            await dispatcher.ConfigureAwait(false);
        }
        finally
        {
            stop.Cancel();
            try
            {
                await Task.WhenAll(workers.Append(dispatcher)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Expected: the workers and dispatcher were told to stop.
            }
        }
    }
}
