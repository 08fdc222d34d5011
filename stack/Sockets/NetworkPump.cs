using System;
using System.Threading;

namespace NanoTcp.Sockets
{
    /// <summary>
    /// Shares one <see cref="NetworkStack"/> between threads. The stack stays single-threaded: every call into it
    /// happens under one lock (<see cref="SyncRoot"/>), and only <see cref="Step"/> polls it. A step polls the stack
    /// (or the <see cref="Hook"/>, which polls it itself), then signals every thread blocked in a
    /// <see cref="TcpClient"/>, <see cref="NetworkStream"/> or <see cref="TcpListener"/> call so it retries.
    /// API calls that queue work (send, receive, connect, close) call <see cref="Wake"/>, which ends the pump's sleep
    /// at once: the stack's deadline does not account for work queued after the poll.
    /// <para>Three ways to drive it: <see cref="Start"/> (own thread, <see cref="Run"/> loop with the
    /// <see cref="Sleeper"/>); an existing main loop that calls <see cref="Step"/> and sleeps with a sleeper whose
    /// <see cref="INetworkPumpSleeper.Wake"/> ends that sleep (the firmware); or a test calling <see cref="Step"/>
    /// with virtual time, deterministically.</para>
    /// Allocates nothing after construction (the thread of <see cref="Start"/> once).
    /// </summary>
    public sealed class NetworkPump
    {
        private readonly object _lock = new object();
        private PumpWaiter _waiting;
        private bool _wakeRequested;
        private bool _stepping;
        private bool _stopRequested;
        private long _nowMs;
        private Thread _thread;

        /// <summary>Creates the pump for <paramref name="stack"/>; from now on reach the stack only under <see cref="SyncRoot"/>.</summary>
        public NetworkPump(NetworkStack stack)
        {
            if (stack == null) throw new ArgumentNullException("stack");
            Stack = stack;
        }

        /// <summary>The stack. Any call into it from outside a step must hold <see cref="SyncRoot"/>.</summary>
        public NetworkStack Stack { get; }

        /// <summary>The one lock that serialises the stack (Monitor, reentrant).</summary>
        public object SyncRoot => _lock;

        /// <summary>Raw-API work run inside every step (it polls the stack itself). Null: the step polls the stack.</summary>
        public INetworkPumpHook Hook { get; set; }

        /// <summary>Clock, sleep and wake of the thread that steps the pump. Needed by <see cref="Run"/> and by blocking calls with a finite timeout.</summary>
        public INetworkPumpSleeper Sleeper { get; set; }

        /// <summary>Host-name lookup for <see cref="TcpClient.Connect(string, int)"/>; null (the default) = dotted-decimal only.</summary>
        public IHostNameResolver Resolver { get; set; }

        /// <summary>The time passed to the last <see cref="Step"/>.</summary>
        public long NowMs
        {
            get { lock (_lock) return _nowMs; }
        }

        /// <summary>Steps taken so far.</summary>
        public long Steps { get; private set; }

        /// <summary>
        /// One iteration: polls the stack (through <see cref="Hook"/> when set), then wakes every blocked caller.
        /// Returns the absolute time (ms) by which the pump must step again; the caller must step again at once,
        /// without sleeping, when <see cref="TakeWakeRequest"/> returns true.
        /// </summary>
        public long Step(long nowMs)
        {
            lock (_lock)
            {
                _nowMs = nowMs;
                _wakeRequested = false;
                _stepping = true;
                long next;
                try
                {
                    INetworkPumpHook hook = Hook;
                    next = hook != null ? hook.Poll(nowMs) : Stack.Poll(nowMs);
                }
                finally
                {
                    _stepping = false;
                }
                Steps++;
                SignalWaiters();
                return next;
            }
        }

        /// <summary>True (and cleared) when an API call queued work since the last step began.</summary>
        public bool TakeWakeRequest()
        {
            lock (_lock)
            {
                bool wake = _wakeRequested;
                _wakeRequested = false;
                return wake;
            }
        }

        /// <summary>Asks for a step now: records the request and ends the sleeper's sleep. Safe from any thread.</summary>
        public void Wake()
        {
            lock (_lock) _wakeRequested = true;
            INetworkPumpSleeper sleeper = Sleeper;
            if (sleeper != null) sleeper.Wake();
        }

        /// <summary>Steps and sleeps until <see cref="Stop"/>, on the calling thread. Requires <see cref="Sleeper"/>.</summary>
        public void Run()
        {
            INetworkPumpSleeper sleeper = Sleeper;
            if (sleeper == null) throw new InvalidOperationException("NetworkPump.Sleeper is not set");
            while (!StopRequested)
            {
                long next = Step(sleeper.NowMs);
                if (TakeWakeRequest()) continue;
                if (next > sleeper.NowMs) sleeper.Sleep(next);
            }
        }

        /// <summary>Runs <see cref="Run"/> on a new thread (a background thread on the host).</summary>
        public void Start()
        {
            if (Sleeper == null) throw new InvalidOperationException("NetworkPump.Sleeper is not set");
            lock (_lock)
            {
                if (_thread != null) throw new InvalidOperationException("the pump is already running");
                _stopRequested = false;
                _thread = new Thread(Run);
            }
#if !NANOFRAMEWORK_1_0
            _thread.IsBackground = true; // nanoFramework has no background threads; the device never exits anyway
#endif
            _thread.Start();
        }

        /// <summary>Ends <see cref="Run"/> after its current step and waits for the thread of <see cref="Start"/>.</summary>
        public void Stop()
        {
            Thread thread;
            lock (_lock)
            {
                _stopRequested = true;
                thread = _thread;
                _thread = null;
            }
            Wake();
            if (thread != null && thread != Thread.CurrentThread) thread.Join();
        }

        private bool StopRequested
        {
            get { lock (_lock) return _stopRequested; }
        }

        /// <summary>
        /// The absolute deadline of a blocking call: long.MaxValue for <paramref name="timeoutMs"/> &lt; 0
        /// (no limit), else now + timeout on the sleeper's clock. Throws when a finite timeout has no clock.
        /// </summary>
        internal long DeadlineAfter(int timeoutMs)
        {
            if (timeoutMs < 0) return long.MaxValue;
            if (timeoutMs == 0) return long.MinValue;
            INetworkPumpSleeper sleeper = Sleeper;
            if (sleeper == null) throw new InvalidOperationException("a finite timeout needs NetworkPump.Sleeper (the clock)");
            return sleeper.NowMs + timeoutMs;
        }

        /// <summary>
        /// Called with <see cref="SyncRoot"/> held once: queues <paramref name="waiter"/>, releases the lock until
        /// the next step signals it or <paramref name="deadlineMs"/> passes, then takes the lock again. Returns
        /// false when the deadline had passed (nothing waited). Wake-ups may be spurious: callers retry and loop.
        /// </summary>
        internal bool Wait(PumpWaiter waiter, long deadlineMs)
        {
            // The thread that steps the pump holds the lock: waiting there would wait for itself.
            if (_stepping) throw new InvalidOperationException("blocking Sockets call from inside the pump's step");
            int waitMs = Timeout.Infinite;
            if (deadlineMs != long.MaxValue)
            {
                if (deadlineMs == long.MinValue) return false;
                long left = deadlineMs - Sleeper.NowMs;
                if (left <= 0) return false;
                waitMs = left > int.MaxValue ? int.MaxValue : (int)left;
            }
            if (!waiter.Queued)
            {
                waiter.Queued = true;
                waiter.Next = _waiting;
                _waiting = waiter;
            }
            Monitor.Exit(_lock);
            try
            {
                waiter.Signal.WaitOne(waitMs, false);
            }
            finally
            {
                Monitor.Enter(_lock);
            }
            return true;
        }

        /// <summary>Releases the thread blocked on <paramref name="waiter"/> now (Close from another thread).</summary>
        internal static void Release(PumpWaiter waiter)
        {
            waiter.Signal.Set();
        }

        private void SignalWaiters()
        {
            PumpWaiter waiter = _waiting;
            _waiting = null;
            while (waiter != null)
            {
                PumpWaiter next = waiter.Next;
                waiter.Next = null;
                waiter.Queued = false;
                waiter.Signal.Set();
                waiter = next;
            }
        }
    }
}
