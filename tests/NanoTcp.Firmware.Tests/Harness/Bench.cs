using System;
using NanoTcp;
using NanoTcp.Firmware;
using NanoTcp.Portable.Tests;

namespace NanoTcp.Firmware.Tests.Harness
{
    /// <summary>
    /// The device (a <see cref="FirmwareApplication"/>) and a client (a second <see cref="NetworkStack"/>, the
    /// scripted telnet peer) on one <see cref="CrossoverCable"/>, driven by one virtual clock. Time advances only in
    /// <see cref="Run"/>/<see cref="RunUntil"/>: frames in flight are delivered first, then the clock jumps to the
    /// next deadline of either side (never more than <see cref="MaxStepMs"/> at once).
    /// </summary>
    public sealed class Bench
    {
        public const string Password = "secret";
        public static readonly uint DeviceIp = Ip4.Address(192, 0, 2, 2);
        public static readonly uint ClientIp = Ip4.Address(192, 0, 2, 1);
        public static readonly byte[] DeviceMac = { 0x02, 0x4E, 0x54, 0x00, 0x00, 0x02 };
        public static readonly byte[] ClientMac = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };

        private long _deviceNext;
        private long _clientNext;

        public Bench(Action<FirmwareSettings> configure = null, Action<StackConfig> configureClient = null,
            bool rebootSupported = false)
        {
            Wire = new CrossoverCable(256, 1514);
            Platform = new TestPlatform { BootTimeMs = 0, RebootSupported = rebootSupported };
            Settings = new FirmwareSettings
            {
                MacAddress = (byte[])DeviceMac.Clone(),
                IpAddress = DeviceIp,
                SubnetMask = Ip4.Address(255, 255, 255, 0),
                Gateway = 0,
                TelnetPassword = Password,
                Dhcp = false,
                Mdns = false,
                Sntp = false,
            };
            Settings.Stack.GratuitousArp = false;
            configure?.Invoke(Settings);
            App = new FirmwareApplication(Settings, Wire.EndA, Platform);

            var clientConfig = new StackConfig
            {
                MacAddress = (byte[])ClientMac.Clone(),
                IpAddress = ClientIp,
                SubnetMask = Ip4.Address(255, 255, 255, 0),
                Gateway = 0,
                GratuitousArp = false,
                DelayedAck = false,
                Nagle = false,
                ConnectionSlots = 16,
                ReceiveBufferSize = 8192,
                SendBufferSize = 8192,
            };
            configureClient?.Invoke(clientConfig);
            Client = new NetworkStack(clientConfig, Wire.EndB);
            Now = 1000;
        }

        public CrossoverCable Wire { get; }
        public TestPlatform Platform { get; }
        public FirmwareSettings Settings { get; }
        public FirmwareApplication App { get; }
        public NetworkStack Device => App.Stack;
        public NetworkStack Client { get; }
        public long Now { get; private set; }

        /// <summary>Polls both sides once at the current time.</summary>
        public void Step()
        {
            _deviceNext = App.Poll(Now);
            _clientNext = Client.Poll(Now);
        }

        /// <summary>Advances the clock by <paramref name="ms"/> and polls both sides once (allocation-free).</summary>
        public void Tick(long ms)
        {
            Now += ms;
            Step();
        }

        /// <summary>Runs for <paramref name="durationMs"/> of virtual time.</summary>
        public void Run(long durationMs)
        {
            RunUntil(() => false, Now + durationMs, 0);
        }

        /// <summary>Runs until <paramref name="done"/> holds or <paramref name="maxMs"/> of virtual time passed; returns whether it held.</summary>
        public bool RunUntil(Func<bool> done, long maxMs)
        {
            return RunUntil(done, Now + maxMs, 0);
        }

        private bool RunUntil(Func<bool> done, long end, int unused)
        {
            int stalls = 0;
            while (true)
            {
                Step();
                if (done()) return true;
                if (Now >= end) return false;
                bool busy = Wire.InFlight > 0 || _deviceNext <= Now || _clientNext <= Now;
                if (busy && ++stalls < 64) continue;
                stalls = 0;
                long next = Math.Min(_deviceNext, _clientNext);
                Now = Math.Min(Math.Max(next, Now + 1), end);
            }
        }
    }
}
