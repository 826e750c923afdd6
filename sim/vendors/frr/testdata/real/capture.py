#!/usr/bin/env python3
"""Capture real FRR 8.4 vtysh screens for the simulator's golden tests.

Run as root on a Debian 12 host with `apt-get install frr` (8.4.4-1.1~deb12u2):

    python3 sim/vendors/frr/testdata/real/capture.py [--keep]

Builds the lesson-7 "ToR" lab out of network namespaces (one per device, one `capsw` namespace
holding a Linux bridge per L2 segment, veth pairs created directly inside the namespaces, so
nothing touches the host namespace and no traffic can leave), runs zebra + bgpd + staticd per
device exactly like /work/shared/conformance/lib/harness.py does, waits for the sessions, then
records `vtysh -c` outputs (transcripts) and one interactive pty session (`?`, Tab, errors)
into this directory. Teardown kills the daemons by PID and deletes the namespaces.
"""
import json, os, pty, select, shutil, signal, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = "/tmp/frr-capture"
RID = "cap"
ZEBRA, BGPD, STATICD, VTYSH = "/usr/lib/frr/zebra", "/usr/lib/frr/bgpd", "/usr/lib/frr/staticd", "/usr/bin/vtysh"

SEGMENTS = ["rack-a", "uplink"]

# The lesson-7 ToR (AS 64501), three Kubernetes nodes (AS 64512; FRR stands in for BIRD, which
# does not matter for the ToR's screens), one node that is configured but absent (Active), one
# shut down neighbour (Idle (Admin)) and a spine (AS 64500) that keeps FRR 8's
# `bgp ebgp-requires-policy` on, so its side shows "(Policy)".
DEVICES = {
    "tor": {
        "ifaces": [("eth0", "rack-a", None), ("eth1", "uplink", None), ("lo", None, None)],
        "routes": [],
        "conf": """frr defaults traditional
hostname tor
!
interface eth0
 ip address 10.0.20.1/26
exit
!
interface eth1
 ip address 10.0.20.249/29
exit
!
interface lo
 ip address 10.255.0.1/32
exit
!
ip route 192.0.2.0/24 blackhole
!
ip prefix-list K8S-PODS seq 10 permit 10.244.0.0/16 le 26
ip prefix-list K8S-PODS seq 20 permit 10.96.0.0/12 le 32
!
route-map ACCEPT-K8S permit 10
 match ip address prefix-list K8S-PODS
exit
!
router bgp 64501
 bgp router-id 10.0.20.1
 no bgp ebgp-requires-policy
 bgp bestpath as-path multipath-relax
 neighbor K8S_NODES peer-group
 neighbor K8S_NODES remote-as 64512
 neighbor 10.0.20.11 peer-group K8S_NODES
 neighbor 10.0.20.12 peer-group K8S_NODES
 neighbor 10.0.20.13 peer-group K8S_NODES
 neighbor 10.0.20.14 peer-group K8S_NODES
 neighbor 10.0.20.15 remote-as 64512
 neighbor 10.0.20.15 shutdown
 neighbor 10.0.20.254 remote-as 64500
 neighbor 10.0.20.254 description spine-1
 !
 address-family ipv4 unicast
  network 10.255.0.1/32
  redistribute static
  neighbor K8S_NODES soft-reconfiguration inbound
  neighbor K8S_NODES route-map ACCEPT-K8S in
 exit-address-family
exit
!
""",
    },
    "n1": {"ifaces": [("eth0", "rack-a", "10.0.20.11/26")], "routes": [["blackhole", "10.244.1.0/26"], ["blackhole", "10.96.0.0/12"]],
           "conf": "frr defaults traditional\nhostname n1\n!\nrouter bgp 64512\n bgp router-id 10.0.20.11\n no bgp ebgp-requires-policy\n neighbor 10.0.20.1 remote-as 64501\n !\n address-family ipv4 unicast\n  network 10.96.0.0/12\n  network 10.244.1.0/26\n exit-address-family\nexit\n!\n"},
    "n2": {"ifaces": [("eth0", "rack-a", "10.0.20.12/26")], "routes": [["blackhole", "10.244.2.0/26"], ["blackhole", "10.96.0.0/12"]],
           "conf": "frr defaults traditional\nhostname n2\n!\nrouter bgp 64512\n bgp router-id 10.0.20.12\n no bgp ebgp-requires-policy\n neighbor 10.0.20.1 remote-as 64501\n !\n address-family ipv4 unicast\n  network 10.96.0.0/12\n  network 10.244.2.0/26\n exit-address-family\nexit\n!\n"},
    "n3": {"ifaces": [("eth0", "rack-a", "10.0.20.13/26")], "routes": [["blackhole", "10.244.3.0/26"], ["blackhole", "10.96.0.0/12"]],
           "conf": "frr defaults traditional\nhostname n3\n!\nrouter bgp 64512\n bgp router-id 10.0.20.13\n no bgp ebgp-requires-policy\n no bgp network import-check\n neighbor 10.0.20.1 remote-as 64501\n !\n address-family ipv4 unicast\n  network 0.0.0.0/0\n  network 10.96.0.0/12\n  network 10.244.3.0/26\n exit-address-family\nexit\n!\n"},
    "spine1": {"ifaces": [("eth0", "uplink", "10.0.20.254/29")], "routes": [],
               "conf": "frr defaults traditional\nhostname spine1\n!\nrouter bgp 64500\n bgp router-id 10.0.20.254\n neighbor 10.0.20.249 remote-as 64501\nexit\n!\n"},
}

TOR_COMMANDS = [
    "show bgp summary",
    "show ip bgp summary",
    "show bgp ipv4 unicast summary",
    "show bgp ipv4 unicast",
    "show ip bgp",
    "show bgp ipv4 unicast 10.96.0.0/12",
    "show bgp ipv4 unicast 10.244.1.0/26",
    "show bgp ipv4 unicast 10.244.1.5",
    "show bgp ipv4 unicast 10.255.0.1/32",
    "show bgp ipv4 unicast 192.0.2.0/24",
    "show bgp ipv4 unicast 172.16.0.0/16",
    "show bgp ipv4 unicast neighbors 10.0.20.13 received-routes",
    "show bgp ipv4 unicast neighbors 10.0.20.13 routes",
    "show bgp ipv4 unicast neighbors 10.0.20.254 advertised-routes",
    "show bgp ipv4 unicast neighbors 10.0.20.11 advertised-routes",
    "show bgp ipv4 unicast neighbors 10.0.20.254 received-routes",
    "show bgp neighbors 10.0.20.11",
    "show bgp neighbors 10.0.20.254",
    "show bgp neighbors 10.0.20.14",
    "show bgp neighbors 10.0.20.15",
    "show ip route",
    "show ip route bgp",
    "show ip route 10.96.0.0/12",
    "show ip route 10.244.2.7",
    "show interface brief",
    "show running-config",
    "show ip prefix-list",
    "show route-map ACCEPT-K8S",
    "show bgp summary json",
    "show bgp ipv4 unicast json",
    "show bgp ipv4 unicast 10.96.0.0/12 json",
    "show ip route json",
    "show bgp neighbors 10.0.20.11 json",
]
SPINE_COMMANDS = ["show bgp summary", "show bgp ipv4 unicast", "show bgp neighbors 10.0.20.249",
                  "show bgp summary json", "show bgp ipv4 unicast json"]
NODE_COMMANDS = ["show bgp summary", "show bgp ipv4 unicast", "show ip route", "show bgp summary json",
                 "show bgp ipv4 unicast json", "show ip route json"]

# Interactive keys for the pty session on the ToR: Ctrl-U clears the line after `?`.
CU = "\x15"
PTY_KEYS = [
    "xyz\r", "show ip\r", "sh ip bgp s\r", "sh i\r", "show bgp ipv4 unicast summary foo\r",
    "sh?", CU, "sh ?", CU, "show bgp ipv4 unicast ?", CU, "show ip route ?", CU,
    "show bgp ipv4 unicast neighbors 10.0.20.11 ?", CU,
    "sho\t", CU, "show ip bgp su\t", CU, "show ip bgp s\t", CU,
    "show bgp summary | include Estab\r",
    "configure terminal\r", "?", CU, "router bgp 64501\r", "?", CU, "neighbor 10.0.20.11 ?", CU,
    "neighbor 10.0.20.11 remote-as ?", CU, "address-family ipv4 unicast\r", "?", CU,
    "neighbor 10.0.20.13 remote-as\r", "neighbor 10.0.20.13 remote-as 99999999999\r",
    "show bgp summary\r", "do show bgp summary\r",
    "maximum-paths ?", CU, "network ?", CU, "redistribute ?", CU,
    "exit-address-family\r", "exit\r", "ip prefix-list ?", CU, "ip prefix-list K8S-PODS ?", CU,
    "ip prefix-list K8S-PODS seq 30 permit ?", CU, "ip prefix-list K8S-PODS seq 30 permit 10.1.0.0/16 ?", CU,
    "route-map ACCEPT-K8S permit 20\r", "?", CU, "match ?", CU, "set ?", CU, "set as-path prepend ?", CU,
    "exit\r", "no route-map ACCEPT-K8S permit 20\r",
    "interface eth0\r", "?", CU, "ip address ?", CU, "exit\r",
    "router bgp 64501\r", "end\r",
    "configure terminal\r", "router bgp 64501\r", "\x03", "\x1a", "configure terminal\r",
    "router bgp 64501\r", "exit\r", "exit\r", "ping ?", CU, "traceroute ?", CU,
]


def sh(args, ns=None, check=True, **kw):
    if ns:
        args = ["ip", "netns", "exec", ns] + list(args)
    r = subprocess.run(args, capture_output=True, text=True, **kw)
    if check and r.returncode != 0:
        raise RuntimeError("%s: %s%s" % (" ".join(args), r.stdout, r.stderr))
    return r


class Lab:
    def __init__(self):
        self.namespaces, self.procs = [], []

    def ns(self, name):
        return "%s-%s" % (RID, name)

    def build(self):
        shutil.rmtree(WORK, ignore_errors=True)
        os.makedirs(WORK)
        sw = self.ns("sw")
        for n in [sw] + [self.ns(d) for d in DEVICES]:
            sh(["ip", "netns", "add", n])
            self.namespaces.append(n)
            sh(["ip", "link", "set", "lo", "up"], ns=n)
        for i, seg in enumerate(SEGMENTS):
            sh(["ip", "link", "add", "name", "br%d" % i, "type", "bridge"], ns=sw)
            sh(["ip", "link", "set", "br%d" % i, "up"], ns=sw)
        port = 0
        for name, d in DEVICES.items():
            ns = self.ns(name)
            sh(["sysctl", "-qw", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.disable_ipv6=1",
                "net.ipv6.conf.default.disable_ipv6=1"], ns=ns)
            for ifname, seg, addr in d["ifaces"]:
                if seg:
                    p = "s%dp%d" % (SEGMENTS.index(seg), port)
                    port += 1
                    sh(["ip", "link", "add", "name", p, "type", "veth", "peer", "name", ifname, "netns", ns], ns=sw)
                    sh(["ip", "link", "set", p, "master", "br%d" % SEGMENTS.index(seg), "up"], ns=sw)
                if addr:
                    sh(["ip", "addr", "add", addr, "dev", ifname], ns=ns)
                sh(["ip", "link", "set", ifname, "up"], ns=ns)
            for r in d["routes"]:
                sh(["ip", "route", "add"] + r, ns=ns)
            wd = os.path.join(WORK, name)
            os.makedirs(wd)
            with open(os.path.join(wd, "frr.conf"), "w") as f:
                f.write(d["conf"])
        sh(["chown", "-R", "frr:frr", WORK])

    def start(self):
        for name in DEVICES:
            wd = os.path.join(WORK, name)
            common = ["-f", wd + "/frr.conf", "-z", wd + "/zserv.api", "--vty_socket", wd, "-P", "0"]
            self.spawn(name, [ZEBRA] + common + ["-i", wd + "/zebra.pid"], wd + "/zebra.out")
            for _ in range(100):
                if os.path.exists(wd + "/zserv.api"):
                    break
                time.sleep(0.05)
            self.spawn(name, [STATICD] + common + ["-i", wd + "/staticd.pid"], wd + "/staticd.out")
            self.spawn(name, [BGPD] + common + ["-i", wd + "/bgpd.pid"], wd + "/bgpd.out")

    def spawn(self, name, args, logf):
        lf = open(logf, "w")
        p = subprocess.Popen(["ip", "netns", "exec", self.ns(name)] + args, stdout=lf, stderr=subprocess.STDOUT)
        self.procs.append(p)

    def vtysh(self, name, *cmds):
        args = [VTYSH, "--vty_socket", os.path.join(WORK, name)]
        for c in cmds:
            args += ["-c", c]
        return sh(args, ns=self.ns(name), check=False, timeout=20).stdout

    def pty(self, name, keys, wait=0.5):
        # vtysh takes its prompt from the host name: give it a UTS namespace named like the device.
        pid, fd = pty.fork()
        if pid == 0:
            os.environ["TERM"] = "dumb"
            os.execvp("unshare", ["unshare", "--uts", "sh", "-c",
                                  "hostname %s && exec ip netns exec %s %s --vty_socket %s" % (
                                      name, self.ns(name), VTYSH, os.path.join(WORK, name))])
        out = b""

        def drain(t):
            nonlocal out
            end = time.time() + t
            while time.time() < end:
                r, _, _ = select.select([fd], [], [], 0.05)
                if r:
                    try:
                        data = os.read(fd, 65536)
                    except OSError:
                        return
                    if not data:
                        return
                    out += data
        drain(1.5)
        for k in keys:
            os.write(fd, k.encode())
            drain(wait)
        os.write(fd, b"exit\r")
        drain(0.5)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        return out.decode(errors="replace").replace("\r\n", "\n")

    def wait_established(self, timeout=90):
        deadline = time.time() + timeout
        while time.time() < deadline:
            ok = True
            for name in DEVICES:
                try:
                    s = json.loads(self.vtysh(name, "show bgp summary json") or "{}")
                except ValueError:
                    ok = False
                    break
                peers = s.get("ipv4Unicast", {}).get("peers", {})
                for ip, p in peers.items():
                    if ip in ("10.0.20.14", "10.0.20.15"):
                        continue
                    if p.get("state") != "Established":
                        ok = False
            if ok:
                return True
            time.sleep(0.5)
        return False

    def cleanup(self):
        for p in self.procs:
            if p.poll() is None:
                p.terminate()
        for p in self.procs:
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        for n in reversed(self.namespaces):
            subprocess.run(["ip", "netns", "del", n], capture_output=True)


def transcript(lab, name, cmds):
    parts = []
    for c in cmds:
        out = lab.vtysh(name, c)
        parts.append("%s# %s\n%s" % (name, c, out))
    return "".join(parts)


def main():
    lab = Lab()
    keep = "--keep" in sys.argv
    try:
        lab.build()
        lab.start()
        ok = lab.wait_established()
        print("established:", ok, file=sys.stderr)
        time.sleep(8)  # let the update groups flush (FRR coalesce timer) and the RIB settle
        out = os.path.join(HERE, "tor-lab")
        os.makedirs(out, exist_ok=True)
        with open(os.path.join(out, "tor.txt"), "w") as f:
            f.write(transcript(lab, "tor", TOR_COMMANDS))
        with open(os.path.join(out, "spine1.txt"), "w") as f:
            f.write(transcript(lab, "spine1", SPINE_COMMANDS))
        for n in ("n1", "n3"):
            with open(os.path.join(out, n + ".txt"), "w") as f:
                f.write(transcript(lab, n, NODE_COMMANDS))
        with open(os.path.join(out, "tor-interactive.txt"), "w") as f:
            f.write(lab.pty("tor", PTY_KEYS))
        with open(os.path.join(out, "configs.json"), "w") as f:
            json.dump({k: v["conf"] for k, v in DEVICES.items()}, f, indent=1)
    finally:
        if not keep:
            lab.cleanup()


if __name__ == "__main__":
    main()
