using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using NanoTcp.Firmware;
using NanoTcp.Sockets;
using NanoTcp.VirtualBoard.Capture;
using NanoTcp.VirtualBoard.Tap;
using NanoTcp.VirtualBoard.Trace;

namespace NanoTcp.VirtualBoard.Board
{
    /// <summary>
    /// The virtual board: the unchanged <see cref="FirmwareApplication"/> over a TAP device (directly or through
    /// the ENC28J60 driver and emulated chip), with optional pcap capture, ladder trace and fault injection.
    /// <see cref="Run"/> is the firmware's main loop: poll the application, then sleep in poll(2) until a frame
    /// arrives or the application's next deadline; nothing in an iteration allocates. Other threads reach the
    /// stack only through <see cref="Invoke{T}"/>, which runs on the loop thread, or the firmware's Sockets API (its HTTP
    /// server): the loop holds <c>Application.Pump.SyncRoot</c> while it touches the stack.
    /// </summary>
    public sealed class VirtualBoard : IDisposable, INetworkPumpSleeper
    {
        private const int MaxSleepMs = 1000;

        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly ConcurrentQueue<Action> _invokes = new ConcurrentQueue<Action>();
        private readonly List<IBoardTask> _tasks = new List<IBoardTask>();
        private readonly IBoardLink _link;
        private readonly PcapWriter _pcap;
        private readonly ImpairedLink _faults;
        private readonly TextWriter _output;
        private Thread _thread;
        private volatile bool _stop;
        private long _nextSecondMs;

        /// <summary>Builds the board over <paramref name="tap"/>; <paramref name="output"/> receives log and trace lines.</summary>
        public VirtualBoard(BoardOptions options, TapLink tap, TextWriter output)
        {
            Options = options;
            Tap = tap;
            _output = output;
            ILink wire = tap;
            if (options.PcapPath != null)
            {
                _pcap = new PcapWriter(options.PcapPath);
                wire = new CapturingLink(tap, _pcap);
            }
            _link = BoardLinks.Create(options, tap, wire);
            _faults = BoardLinks.Faults(options, _link.StackLink);
            ILink stackLink = _faults ?? _link.StackLink;
            FirmwareSettings settings = options.ToFirmwareSettings();
            var platform = new HostPlatform("host virtual board (" + tap.Name + ", " + _link.Description + ")", output, _link.Status);
            Application = new FirmwareApplication(settings, stackLink, platform);
            Application.Start(this); // the HTTP server's threads wake this loop through Wake()
            if (options.Trace)
            {
                var tracer = new LadderTracer(output ?? TextWriter.Null, options.TraceRelative, FindConnection);
                tracer.WriteHeader();
                Stack.Tracer = tracer;
            }
        }

        /// <summary>The options the board was built with.</summary>
        public BoardOptions Options { get; }

        /// <summary>The firmware application (stack, telnet, services).</summary>
        public FirmwareApplication Application { get; }

        /// <summary>The application's stack.</summary>
        public NetworkStack Stack => Application.Stack;

        /// <summary>The fault injector between stack and driver, or null without fault options.</summary>
        public ImpairedLink Faults => _faults;

        /// <summary>The TAP device (the board's wire).</summary>
        public TapLink Tap { get; }

        /// <summary>Milliseconds since the board booted: the clock passed to every Poll.</summary>
        public long NowMs => _clock.ElapsedMilliseconds;

        /// <summary>Loop iterations so far.</summary>
        public long Iterations { get; private set; }

        /// <summary>Called on the loop thread about once a second (status line, tests).</summary>
        public Action<VirtualBoard> EverySecond;

        /// <summary>The exception that stopped the loop, or null.</summary>
        public Exception Fault { get; private set; }

        /// <summary>True while <see cref="Run"/> is executing.</summary>
        public bool Running { get; private set; }

        /// <summary>Runs the main loop on the calling thread until <see cref="RequestStop"/>.</summary>
        public void Run()
        {
            Running = true;
            try
            {
                while (!_stop) RunOnce();
                DrainInvokes();
            }
            catch (Exception e)
            {
                // A bug below the application (a driver protocol violation caught by the strict emulator, say)
                // stops this board, not the process: the program reports it, tests fail with it.
                Fault = e;
                _output?.WriteLine("nanotcp-board: the board stopped: " + e);
            }
            finally
            {
                Running = false;
                _pcap?.Flush();
            }
        }

        /// <summary>Runs the main loop on a new background thread.</summary>
        public void Start()
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "virtual board" };
            Running = true; // Invoke must queue from now on, not run on the caller's thread
            _thread.Start();
        }

        /// <summary>The pump's sleep when it runs its own loop (not used: <see cref="Run"/> is the loop).</summary>
        public void Sleep(long deadlineMs)
        {
            long sleep = deadlineMs - NowMs;
            if (sleep > 0) Tap.Wait(sleep > MaxSleepMs ? MaxSleepMs : (int)sleep);
        }

        /// <summary>Ends the loop's current or next sleep (an API call on another thread queued work).</summary>
        public void Wake() => Tap.Wake();

        /// <summary>Asks the loop to end after its current iteration. Safe from any thread and signal handlers.</summary>
        public void RequestStop()
        {
            _stop = true;
            Tap.Wake();
        }

        /// <summary>
        /// Runs <paramref name="action"/> on the loop thread (or here when the loop is not running) and returns
        /// its result. Throws <see cref="TimeoutException"/> if the loop does not get to it in time.
        /// </summary>
        public T Invoke<T>(Func<NetworkStack, T> action, int timeoutMs = 10000)
        {
            if (Fault != null) throw new InvalidOperationException("the board stopped: " + Fault.Message, Fault);
            if (!Running || Thread.CurrentThread == _thread)
            {
                lock (Application.Pump.SyncRoot) return action(Stack); // the HTTP threads share the stack
            }
            T result = default;
            Exception error = null;
            using (var done = new ManualResetEventSlim())
            {
                _invokes.Enqueue(() =>
                {
                    try { result = action(Stack); }
                    catch (Exception e) { error = e; }
                    finally { done.Set(); }
                });
                Tap.Wake();
                if (!done.Wait(timeoutMs)) throw new TimeoutException("the board loop did not run the request within " + timeoutMs + " ms");
            }
            if (error != null) throw new InvalidOperationException("board request failed: " + error.Message, error);
            return result;
        }

        /// <summary>Adds a task run after every poll on the loop thread.</summary>
        public void AddTask(IBoardTask task)
        {
            Invoke(stack => { _tasks.Add(task); return 0; });
        }

        /// <summary>
        /// Finds a connection's slot snapshot by handle (for the tracer and tests; loop thread only).
        /// </summary>
        public TcpConnectionInfo FindConnection(int handle)
        {
            var info = new TcpConnectionInfo();
            for (int slot = 0; slot < Stack.ConnectionSlotCount; slot++)
                if (Stack.GetConnectionInfo(slot, info) && info.Handle == handle) return info;
            return null;
        }

        /// <summary>Stops the loop (waiting for its thread) and closes the pcap file. The TAP belongs to the caller.</summary>
        public void Dispose()
        {
            Application.Http?.Stop();
            RequestStop();
            if (_thread != null && Thread.CurrentThread != _thread) _thread.Join(5000);
            _pcap?.Dispose();
        }

        private void RunOnce()
        {
            long next;
            // The stack is shared with the HTTP server's threads: everything that touches it holds the pump's lock.
            lock (Application.Pump.SyncRoot) next = RunLocked();
            long sleep = next - NowMs;
            if (sleep > 0 && !Application.Pump.TakeWakeRequest()) Tap.Wait(sleep > MaxSleepMs ? MaxSleepMs : (int)sleep);
        }

        private long RunLocked()
        {
            Iterations++;
            long now = NowMs;
            _link.Pump(now);
            if (_faults != null) _faults.NowMs = now;
            long next = Application.Poll(now); // the one stack poll of this iteration
            if (_tasks.Count > 0) next = Earliest(next, RunTasks(now));
            DrainInvokes();
            next = Earliest(next, Stack.PollAt); // tasks and requests may have queued output: then it is now
            if (now >= _nextSecondMs)
            {
                _nextSecondMs = now + 1000;
                _pcap?.Flush();
                EverySecond?.Invoke(this);
            }
            _link.Flush();
            next = Earliest(next, _nextSecondMs);
            if (_faults != null) next = Earliest(next, _faults.NextReleaseMs);
            return next;
        }

        private long RunTasks(long now)
        {
            long next = long.MaxValue;
            for (int i = _tasks.Count - 1; i >= 0; i--)
            {
                next = Earliest(next, _tasks[i].Poll(Stack, now));
                if (_tasks[i].Finished) _tasks.RemoveAt(i);
            }
            return next;
        }

        private bool DrainInvokes()
        {
            bool any = false;
            while (_invokes.TryDequeue(out Action a))
            {
                a();
                any = true;
            }
            return any;
        }

        private static long Earliest(long a, long b) => b < a ? b : a;
    }
}
