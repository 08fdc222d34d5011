using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.VirtualBoard.Board;
using NanoTcp.VirtualBoard.Network;

namespace NanoTcp.VirtualBoard.Tests.Harness
{
    /// <summary>
    /// One interop test's world: a uniquely named network namespace holding the TAP device (Linux side
    /// 192.0.2.1/24), the virtual board running in this process on its own thread (192.0.2.2), and every Linux
    /// peer — sockets created inside the namespace, ping, ss, telnet, tshark — confined to it. Dispose kills
    /// what the test started (by PID), stops the board, closes the device and deletes the namespace, also
    /// when the test failed.
    /// </summary>
    public sealed class InteropNetwork : IDisposable
    {
        /// <summary>The board's address.</summary>
        public static readonly IPAddress BoardAddress = IPAddress.Parse("192.0.2.2");

        /// <summary>The Linux side's address.</summary>
        public static readonly IPAddress LinuxAddress = IPAddress.Parse("192.0.2.1");

        private static int _counter;
        private readonly List<IDisposable> _owned = new List<IDisposable>();
        private readonly StringWriter _log = new StringWriter();
        private BoardNetwork _network;

        /// <summary>The running board.</summary>
        public Board.VirtualBoard Board { get; private set; }

        /// <summary>The namespace all traffic stays in.</summary>
        public NetworkNamespace Namespace => _network.Namespace;

        /// <summary>Board log and trace output so far.</summary>
        public string Log
        {
            get { lock (_log) return _log.ToString(); }
        }

        /// <summary>
        /// Marks the test Inconclusive when it cannot run here (not root, no /dev/net/tun, no iproute2).
        /// </summary>
        public static void RequirePrerequisites(params string[] tools)
        {
            string problem = BoardNetwork.CheckPrerequisites(true);
            if (problem != null) Assert.Inconclusive("interop test needs root and /dev/net/tun: " + problem);
            foreach (string tool in new[] { "ip" }.Concat(tools))
            {
                bool found = Environment.GetEnvironmentVariable("PATH").Split(':').Any(d => File.Exists(Path.Combine(d, tool)));
                if (!found) Assert.Inconclusive(tool + " is not installed (boards/host/apt-packages.txt lists what the interop tests need)");
            }
        }

        /// <summary>Creates the namespace and starts a board configured by <paramref name="configure"/>.</summary>
        public static InteropNetwork Start(Action<BoardOptions> configure = null, params string[] tools)
        {
            RequirePrerequisites(tools);
            var net = new InteropNetwork();
            try
            {
                string ns = "ntvb-" + Environment.ProcessId + "-" + Interlocked.Increment(ref _counter);
                var options = new BoardOptions { Namespace = ns, Password = "secret" };
                configure?.Invoke(options);
                // The firmware's four services take the stack's four default listener slots; tests add their own.
                Action<Firmware.FirmwareSettings> custom = options.Configure;
                options.Configure = s =>
                {
                    s.Stack.ListenerSlots += 2;
                    custom?.Invoke(s);
                };
                net._network = BoardNetwork.CreateInNamespace(ns, "192.0.2.1/24");
                net.Board = new Board.VirtualBoard(options, net._network.Tap, TextWriter.Synchronized(net._log));
                net.Board.Start();
                return net;
            }
            catch
            {
                net.Dispose();
                throw;
            }
        }

        /// <summary>Takes ownership of something to dispose at the end (processes, sockets).</summary>
        public T Own<T>(T item) where T : IDisposable
        {
            lock (_owned) _owned.Add(item);
            return item;
        }

        /// <summary>Creates a TCP socket that belongs to the namespace (setns on this thread only while creating it).</summary>
        public Socket NewSocket()
        {
            Socket s;
            using (Namespace.Enter())
            {
                s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            }
            s.NoDelay = true;
            return Own(s);
        }

        /// <summary>Connects from the Linux side to the board's <paramref name="port"/> (bounded by a timeout).</summary>
        public Socket Connect(int port, int timeoutMs = 5000)
        {
            Socket s = NewSocket();
            using var cts = new CancellationTokenSource(timeoutMs);
            try
            {
                s.ConnectAsync(new IPEndPoint(BoardAddress, port), cts.Token).AsTask().GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                Assert.Fail("connect to 192.0.2.2:" + port + " timed out after " + timeoutMs + " ms");
            }
            return s;
        }

        /// <summary>A listening socket on the Linux side (192.0.2.1:<paramref name="port"/>).</summary>
        public Socket ListenOnLinux(int port)
        {
            Socket s = NewSocket();
            s.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            s.Bind(new IPEndPoint(LinuxAddress, port));
            s.Listen(16);
            return s;
        }

        /// <summary>Runs a command inside the namespace and returns its result.</summary>
        public Shell.Result Exec(string file, params string[] args)
        {
            return Namespace.Exec(file, args, 60000);
        }

        /// <summary>Starts a long-running command inside the namespace; it is killed by PID at the end.</summary>
        public BackgroundProcess StartInNamespace(string file, params string[] args)
        {
            var all = new List<string> { "netns", "exec", Namespace.Name, file };
            all.AddRange(args);
            return Own(new BackgroundProcess("ip", all.ToArray()));
        }

        /// <summary>
        /// Linux's TCP states (<c>ss -tan</c>) of sockets between 192.0.2.1 and the board, as (local port,
        /// remote port, state) — the state as ss spells it ("ESTAB", "TIME-WAIT", "CLOSE-WAIT", ...).
        /// </summary>
        public List<(int LocalPort, int RemotePort, string State)> LinuxTcpStates()
        {
            Shell.Result r = Exec("ss", "-tanH");
            Assert.IsTrue(r.Ok, "ss failed: " + r.Error);
            var list = new List<(int, int, string)>();
            foreach (string line in r.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 5 || !f[3].StartsWith("192.0.2.1:") || !f[4].StartsWith("192.0.2.2:")) continue;
                list.Add((int.Parse(f[3].Substring(10)), int.Parse(f[4].Substring(10)), f[0]));
            }
            return list;
        }

        /// <summary>The Linux state of the socket with local port <paramref name="linuxPort"/>, or "CLOSED" if ss lists none.</summary>
        public string LinuxState(int linuxPort)
        {
            foreach (var s in LinuxTcpStates())
                if (s.LocalPort == linuxPort) return s.State;
            return "CLOSED";
        }

        /// <summary>Snapshots of the board's occupied connection slots.</summary>
        public List<TcpConnectionInfo> BoardConnections()
        {
            return Board.Invoke(stack =>
            {
                var list = new List<TcpConnectionInfo>();
                for (int i = 0; i < stack.ConnectionSlotCount; i++)
                {
                    var info = new TcpConnectionInfo();
                    if (stack.GetConnectionInfo(i, info)) list.Add(info);
                }
                return list;
            });
        }

        /// <summary>The board's state of the connection with the Linux port <paramref name="linuxPort"/> (Closed if no slot holds it).</summary>
        public TcpState BoardState(int linuxPort)
        {
            foreach (TcpConnectionInfo c in BoardConnections())
                if (c.RemotePort == linuxPort) return c.State;
            return TcpState.Closed;
        }

        /// <summary>Free connection slots on the board.</summary>
        public int FreeSlots() => Board.Invoke(stack => stack.FreeConnectionSlots);

        /// <summary>Kills started processes, stops the board, closes the TAP and deletes the namespace.</summary>
        public void Dispose()
        {
            lock (_owned)
            {
                for (int i = _owned.Count - 1; i >= 0; i--)
                {
                    try { _owned[i].Dispose(); } catch (Exception) { }
                }
                _owned.Clear();
            }
            Board?.Dispose();
            _network?.Dispose();
        }
    }
}
