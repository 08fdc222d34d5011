using System;
using System.Threading;
using NanoTcp.Portable.Tests;
using NanoTcp.Sockets;

namespace NanoTcp.Sockets.Tests.Harness
{
    /// <summary>
    /// Two stacks (server 192.0.2.1, client 192.0.2.2) joined by a <see cref="CrossoverCable"/>, each behind a
    /// <see cref="NetworkPump"/>. One driver thread steps both pumps (the cable is single-threaded), sleeping
    /// until the next deadline or a Wake; the tests' own threads use the Sockets types on either side.
    /// </summary>
    public sealed class PumpPair : IDisposable
    {
        public static readonly IPAddress ServerAddress = new IPAddress(Ip4.Address(192, 0, 2, 1));
        public static readonly IPAddress ClientAddress = new IPAddress(Ip4.Address(192, 0, 2, 2));

        private readonly Thread _driver;
        private volatile bool _stop;

        public PumpPair(int connectionSlots = 8, int bufferSize = 4096, bool start = true, INetworkPumpSleeper sleeper = null)
        {
            Cable = new CrossoverCable(64, 1514);
            Sleeper = sleeper ?? new RealTimeSleeper();
            Server = new NetworkPump(TestHosts.NewStack(Cable.EndA, 1, connectionSlots, bufferSize)) { Sleeper = Sleeper };
            Client = new NetworkPump(TestHosts.NewStack(Cable.EndB, 2, connectionSlots, bufferSize)) { Sleeper = Sleeper };
            if (start)
            {
                _driver = new Thread(Drive) { IsBackground = true, Name = "pump driver" };
                _driver.Start();
            }
        }

        public CrossoverCable Cable { get; }
        public INetworkPumpSleeper Sleeper { get; }
        public NetworkPump Server { get; }
        public NetworkPump Client { get; }
        public Exception Fault { get; private set; }

        /// <summary>One step of both pumps at <paramref name="nowMs"/> (tests that drive time themselves).</summary>
        public long StepBoth(long nowMs)
        {
            long next = Math.Min(Server.Step(nowMs), Client.Step(nowMs));
            bool again = Server.TakeWakeRequest() | Client.TakeWakeRequest() | Cable.InFlight > 0;
            return again ? nowMs : next;
        }

        public void Dispose()
        {
            _stop = true;
            Sleeper.Wake();
            _driver?.Join(5000);
            if (Fault != null) throw new InvalidOperationException("the pump driver failed", Fault);
        }

        private void Drive()
        {
            try
            {
                while (!_stop)
                {
                    long now = Sleeper.NowMs;
                    long next = StepBoth(now);
                    if (next > now) Sleeper.Sleep(next);
                }
            }
            catch (Exception e)
            {
                Fault = e;
            }
        }
    }
}
