using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Sockets.Tests.Harness;

namespace NanoTcp.Sockets.Tests
{
    [TestClass]
    public sealed class ConcurrencyTests
    {
        [TestMethod]
        public void ManyThreadsEchoOnTheirOwnConnectionsAtOnce()
        {
            const int Pairs = 4, Bytes = 20000;
            using var pair = new PumpPair(connectionSlots: 8, bufferSize: 2048);
            var listener = new TcpListener(pair.Server, 7200);
            listener.Start(4);
            var servers = new Background[Pairs];
            var clients = new Background[Pairs];
            var results = new byte[Pairs][];
            // Server threads accept on one listener (taking turns) and echo until end of stream.
            for (int i = 0; i < Pairs; i++)
            {
                servers[i] = new Background(() =>
                {
                    var conn = new TcpClient(pair.Server);
                    if (!listener.AcceptTcpClient(conn, 20000)) throw new TimeoutException("accept");
                    NetworkStream s = conn.GetStream();
                    s.ReadTimeout = 20000;
                    s.WriteTimeout = 20000;
                    var buffer = new byte[700];
                    int n;
                    while ((n = s.Read(buffer, 0, buffer.Length)) > 0) s.Write(buffer, 0, n);
                    conn.Close();
                });
            }
            for (int i = 0; i < Pairs; i++)
            {
                int index = i;
                clients[i] = new Background(() =>
                {
                    var conn = new TcpClient(pair.Client) { SendTimeout = 20000, ReceiveTimeout = 20000 };
                    conn.Connect(PumpPair.ServerAddress, 7200);
                    NetworkStream s = conn.GetStream();
                    byte[] sent = StreamTests.Pattern(Bytes, index);
                    // A writer thread and this reader use the same connection at once (full duplex).
                    var writer = new Background(() =>
                    {
                        for (int off = 0; off < Bytes; off += 1000) s.Write(sent, off, 1000);
                        conn.Shutdown();
                    });
                    results[index] = StreamTests.ReadExactly(s, Bytes);
                    writer.Join();
                    Assert.AreEqual(0, s.Read(new byte[1], 0, 1), "end of stream after the echo");
                    conn.Close();
                    CollectionAssert.AreEqual(sent, results[index], "connection " + index);
                });
            }
            foreach (var c in clients) c.Join(60000);
            foreach (var s in servers) s.Join(60000);
            for (int i = 0; i < Pairs; i++) Assert.AreEqual(Bytes, results[i].Length);
        }

        [TestMethod]
        public void BlockingCallsFromInsideTheStepAreRefused()
        {
            var sleeper = new VirtualSleeper();
            using var pair = new PumpPair(start: false, sleeper: sleeper);
            var client = new TcpClient(pair.Client);
            var listener = new TcpListener(pair.Client, 7201);
            listener.Start();
            Exception seen = null;
            pair.Client.Hook = new CallbackHook(pair.Client.Stack, () =>
            {
                try { listener.AcceptTcpClient(client, -1); }
                catch (InvalidOperationException e) { seen = e; }
            });
            pair.StepBoth(sleeper.NowMs);
            Assert.IsNotNull(seen, "a blocking wait inside the step would wait for itself");
        }

        private sealed class CallbackHook : INetworkPumpHook
        {
            private readonly NetworkStack _stack;
            private readonly Action _action;

            public CallbackHook(NetworkStack stack, Action action)
            {
                _stack = stack;
                _action = action;
            }

            public long Poll(long nowMs)
            {
                _action();
                return _stack.Poll(nowMs);
            }
        }
    }
}
