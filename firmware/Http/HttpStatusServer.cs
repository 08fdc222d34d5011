using System.Threading;
using NanoTcp.Sockets;

namespace NanoTcp.Firmware
{
    /// <summary>
    /// The firmware's web status page, an HTTP/1.1 server written on the Sockets API (stack/Sockets): a
    /// <see cref="TcpListener"/> on <see cref="FirmwareSettings.HttpPort"/> and
    /// <see cref="FirmwareSettings.HttpWorkers"/> threads, each serving one connection at a time
    /// (<see cref="HttpWorker"/>): GET or HEAD of <c>/</c> (<see cref="StatusPage"/>) and <c>/metrics</c>
    /// (<see cref="MetricsPage"/>). Listens at construction; the threads run from <see cref="Start"/>, once the
    /// pump is driven. RAM: per worker a thread, 512 bytes of input, the response buffer
    /// (<see cref="ResponseCapacity"/>) and the two limits of the request head.
    /// </summary>
    public sealed class HttpStatusServer
    {
        /// <summary><see cref="Counter"/>: connections accepted.</summary>
        public const int CounterConnections = 0;

        /// <summary><see cref="Counter"/>: requests answered (any status but the error ones below).</summary>
        public const int CounterRequests = 1;

        /// <summary><see cref="Counter"/>: request heads rejected with 400, 414, 431 or 505.</summary>
        public const int CounterBadRequests = 2;

        /// <summary><see cref="Counter"/>: request heads that timed out (408).</summary>
        public const int CounterTimeouts = 3;

        private readonly HttpWorker[] _workers;
        private readonly Thread[] _threads;
        private readonly int[] _counters = new int[4];
        private readonly object _stateLock = new object();
        private bool _stopping;

        /// <summary>
        /// Opens the listener (recorded in <paramref name="listeners"/> as "http", with the error when it fails)
        /// and allocates the workers.
        /// </summary>
        public HttpStatusServer(NetworkPump pump, FirmwareSettings settings, IFirmwarePlatform platform, ILink link, ListenerTable listeners)
        {
            int workers = settings.HttpWorkers < 1 ? 1 : settings.HttpWorkers;
            Listener = new TcpListener(pump, settings.HttpPort);
            int handle;
            try
            {
                Listener.Start(workers);
                handle = Listener.Handle;
            }
            catch (SocketException e)
            {
                handle = e.Error;
            }
            listeners.Add("http", settings.HttpPort, handle);
            ILinkStatus status = platform.LinkStatus;
            ResponseCapacity = Max(StatusPage.MaxLength(pump.Stack.ConnectionSlotCount, listeners.Count),
                MetricsPage.MaxLength(status == null ? 0 : status.CounterCount));
            _workers = new HttpWorker[workers];
            _threads = new Thread[workers];
            for (int i = 0; i < workers; i++)
            {
                _workers[i] = new HttpWorker(this, pump, settings, new StatusPage(pump.Stack, settings, platform, link, listeners),
                    new MetricsPage(pump.Stack, platform, link), ResponseCapacity);
            }
        }

        /// <summary>The listening socket (inactive when the port could not be opened).</summary>
        public TcpListener Listener { get; }

        /// <summary>Bytes of response body each worker can hold (the larger of the two pages).</summary>
        public int ResponseCapacity { get; }

        /// <summary>Number of worker threads (connections served at once).</summary>
        public int WorkerCount => _workers.Length;

        /// <summary>True once <see cref="Stop"/> was called.</summary>
        public bool Stopping
        {
            get { lock (_stateLock) return _stopping; }
        }

        /// <summary>The value of counter <paramref name="index"/> (<see cref="CounterConnections"/> ...).</summary>
        public int Counter(int index) => _counters[index];

        /// <summary>Starts the worker threads (background threads on the host). No effect when the port is not open.</summary>
        public void Start()
        {
            if (!Listener.Active) return;
            lock (_stateLock)
            {
                for (int i = 0; i < _threads.Length; i++)
                {
                    if (_threads[i] != null) return;
                    _threads[i] = new Thread(_workers[i].Run);
#if !NANOFRAMEWORK_1_0
                    _threads[i].IsBackground = true;
#endif
                    _threads[i].Start();
                }
            }
        }

        /// <summary>Stops accepting, resets the connections being served, and waits for the worker threads.</summary>
        public void Stop()
        {
            lock (_stateLock) _stopping = true;
            Listener.Stop();
            for (int i = 0; i < _workers.Length; i++) _workers[i].Abort();
            for (int i = 0; i < _threads.Length; i++)
            {
                if (_threads[i] != null) _threads[i].Join();
            }
        }

        internal void Count(int index)
        {
            Interlocked.Increment(ref _counters[index]);
        }

        private static int Max(int a, int b) => a > b ? a : b;
    }
}
