using System;
using System.Collections.Generic;
using System.Text;
using NanoTcp;

namespace NanoTcp.Firmware.Tests.Harness
{
    /// <summary>
    /// A scripted telnet (or plain TCP) client on the bench's client stack. It keeps the raw byte stream it
    /// received, splits it like an NVT (data vs. IAC sequences) and can answer option requests itself.
    /// </summary>
    public sealed class TelnetClient
    {
        private readonly Bench _bench;
        private readonly byte[] _buffer = new byte[4096];
        private int _parsed;

        public TelnetClient(Bench bench, int port = 23)
        {
            _bench = bench;
            Handle = bench.Client.Connect(Bench.DeviceIp, port);
            if (Handle < 0) throw new InvalidOperationException("connect failed: " + Handle);
        }

        public int Handle { get; }

        /// <summary>Everything received, raw.</summary>
        public List<byte> Raw { get; } = new List<byte>();

        /// <summary>The data part of the stream (IAC sequences removed, IAC IAC → 255).</summary>
        public List<byte> Data { get; } = new List<byte>();

        /// <summary>Option commands received, as "WILL 1", "DO 3", "WONT 24", ...</summary>
        public List<string> Options { get; } = new List<string>();

        /// <summary>Two-byte commands received (AYT answers are data, so normally none).</summary>
        public List<byte> Commands { get; } = new List<byte>();

        public bool EndOfStream { get; private set; }

        public int Error { get; private set; }

        public string Text => Encoding.ASCII.GetString(Data.ToArray());

        public TcpState State => _bench.Client.GetState(Handle);

        public bool WaitEstablished(long maxMs = 5000) =>
            _bench.RunUntil(() => State == TcpState.Established, maxMs);

        /// <summary>Sends all of <paramref name="bytes"/>, running the bench while the send buffer is full.</summary>
        public void Send(byte[] bytes, long maxMs = 60000)
        {
            int offset = 0;
            long end = _bench.Now + maxMs;
            while (offset < bytes.Length)
            {
                int n = _bench.Client.Send(Handle, bytes, offset, bytes.Length - offset);
                if (n < 0) throw new InvalidOperationException("send failed: " + n);
                offset += n;
                if (offset < bytes.Length)
                {
                    _bench.RunUntil(() => { Pull(); return _bench.Client.SendSpace(Handle) > 0; }, 1000);
                    if (_bench.Now > end) throw new TimeoutException("send did not complete");
                }
            }
        }

        public void Send(string ascii) => Send(Encoding.ASCII.GetBytes(ascii));

        public static byte[] Bytes(params int[] values)
        {
            var b = new byte[values.Length];
            for (int i = 0; i < values.Length; i++) b[i] = (byte)values[i];
            return b;
        }

        /// <summary>Reads everything available now.</summary>
        public void Pull()
        {
            while (true)
            {
                int n = _bench.Client.Receive(Handle, _buffer, 0, _buffer.Length);
                if (n > 0)
                {
                    for (int i = 0; i < n; i++) Raw.Add(_buffer[i]);
                    continue;
                }
                if (n == 0) EndOfStream = true;
                else if (n != TcpError.WouldBlock) Error = n;
                break;
            }
            Parse();
        }

        /// <summary>Runs the bench until the data text contains <paramref name="text"/> (after <paramref name="from"/>).</summary>
        public bool WaitFor(string text, long maxMs = 5000, int from = 0)
        {
            return _bench.RunUntil(() =>
            {
                Pull();
                return Data.Count > from && Encoding.ASCII.GetString(Data.ToArray(), from, Data.Count - from).Contains(text);
            }, maxMs);
        }

        /// <summary>Runs the bench until the peer's FIN was read (or an error).</summary>
        public bool WaitClosed(long maxMs = 10000)
        {
            return _bench.RunUntil(() => { Pull(); return EndOfStream || Error != 0; }, maxMs);
        }

        /// <summary>Reads until nothing new arrived for half a second (or <paramref name="maxMs"/> passed).</summary>
        public void Drain(long maxMs = 120_000)
        {
            long end = _bench.Now + maxMs;
            int before;
            do
            {
                before = Data.Count;
                Settle(500);
            }
            while (Data.Count != before && _bench.Now < end);
        }

        /// <summary>Runs <paramref name="ms"/> and reads.</summary>
        public void Settle(long ms = 300)
        {
            _bench.Run(ms);
            Pull();
        }

        /// <summary>Connects, agrees to our echo/SGA offers like Linux telnet and logs in.</summary>
        public static TelnetClient LoggedIn(Bench bench, bool negotiate = true)
        {
            var client = new TelnetClient(bench);
            if (!client.WaitEstablished()) throw new TimeoutException("no connection");
            if (!client.WaitFor("Password: ")) throw new TimeoutException("no password prompt: " + client.Text);
            if (negotiate)
            {
                client.Send(Bytes(255, 253, 1, 255, 253, 3));
            }
            client.Send(Bench.Password + "\r\n");
            if (!client.WaitFor("nanotcp> ")) throw new TimeoutException("no shell prompt: " + client.Text);
            return client;
        }

        /// <summary>Marks the current end of the data, for reading a command's output.</summary>
        public int Mark => Data.Count;

        public string TextFrom(int mark) => Encoding.ASCII.GetString(Data.ToArray(), mark, Data.Count - mark);

        /// <summary>Types a command line and returns the output up to the next prompt.</summary>
        public string Command(string line, long maxMs = 5000)
        {
            int mark = Mark;
            Send(line + "\r\n");
            if (!WaitFor("nanotcp> ", maxMs, mark)) throw new TimeoutException("no prompt after '" + line + "': " + TextFrom(mark));
            return TextFrom(mark);
        }

        public void Close() => _bench.Client.Close(Handle);

        private void Parse()
        {
            while (_parsed < Raw.Count)
            {
                int b = Raw[_parsed];
                if (b != 255)
                {
                    Data.Add((byte)b);
                    _parsed++;
                    continue;
                }
                if (_parsed + 1 >= Raw.Count) return;
                int cmd = Raw[_parsed + 1];
                if (cmd == 255)
                {
                    Data.Add(255);
                    _parsed += 2;
                }
                else if (cmd >= 251)
                {
                    if (_parsed + 2 >= Raw.Count) return;
                    Options.Add(Verb(cmd) + " " + Raw[_parsed + 2]);
                    _parsed += 3;
                }
                else
                {
                    Commands.Add((byte)cmd);
                    _parsed += 2;
                }
            }
        }

        private static string Verb(int cmd)
        {
            switch (cmd)
            {
                case 251: return "WILL";
                case 252: return "WONT";
                case 253: return "DO";
                default: return "DONT";
            }
        }
    }
}
