namespace NanoTcp.Firmware
{
    /// <summary>
    /// The listening ports the application opened, with their listener handles, so <c>netstat</c> can show LISTEN
    /// rows (the stack's introspection covers connection slots only) and services can be looked up by port.
    /// </summary>
    public sealed class ListenerTable
    {
        private readonly int[] _ports;
        private readonly int[] _handles;
        private readonly string[] _names;

        /// <summary>Room for <paramref name="capacity"/> listeners.</summary>
        public ListenerTable(int capacity)
        {
            _ports = new int[capacity];
            _handles = new int[capacity];
            _names = new string[capacity];
        }

        /// <summary>Listeners registered.</summary>
        public int Count { get; private set; }

        /// <summary>Records a listener (ignored when the table is full).</summary>
        public void Add(string name, int port, int handle)
        {
            if (Count == _ports.Length) return;
            _names[Count] = name;
            _ports[Count] = port;
            _handles[Count] = handle;
            Count++;
        }

        /// <summary>Service name of listener <paramref name="index"/> ("telnet", "echo", ...).</summary>
        public string Name(int index) => _names[index];

        /// <summary>Port of listener <paramref name="index"/>.</summary>
        public int Port(int index) => _ports[index];

        /// <summary>Handle of listener <paramref name="index"/> (negative when Listen failed).</summary>
        public int Handle(int index) => _handles[index];
    }
}
