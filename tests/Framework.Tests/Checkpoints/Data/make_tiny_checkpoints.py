# How tiny_p2.pt, tiny_p4.pt and tiny_legacy.pt were written (PyTorch 2.11.0; run once, output kept here).
# The tests check the values below, which are defined here by hand, after reading the files back.
import argparse, collections, os, torch

out = os.environ.get('OUT', '.')
b = torch.arange(24, dtype=torch.float32).reshape(4, 6)
s = collections.OrderedDict()
for k, v in [('w', b), ('wt', b.t()), ('row', b[2]), ('col', b[:, 3]),
             ('half', torch.tensor([1.5, -2.25, 65504], dtype=torch.float16)),
             ('bf16', torch.tensor([1.0, -3.5], dtype=torch.bfloat16)),
             ('i32', torch.tensor([[1, -2], [3, 2**31 - 1]], dtype=torch.int32)),
             ('i64', torch.tensor(7)),
             ('flags', torch.tensor([True, False, True])),
             ('f64', torch.tensor([0.1, 1e300], dtype=torch.float64)),
             ('u8', torch.tensor([0, 255], dtype=torch.uint8)),
             ('empty', torch.zeros(0, 3))]:
    s['module.' + k] = v
s._metadata = collections.OrderedDict({'': {'version': 1}})
p = torch.nn.Parameter(torch.tensor([2.0, 4.0]))
q = torch.optim.SGD([p], lr=0.1, momentum=0.9)
p.sum().backward()
q.step()
c = {'state_dict': s, 'epoch': 12, 'lr': 2e-4, 'name': 'tiny', 'big': 2**70, 'neg': -5,
     'optimizer': q.state_dict(), 'param': p, 'args': argparse.Namespace(a=1, b='x'),
     'none': None, 'bytes': b'\x00\x01', 'set': {1, 2}, 'nested': [(1, 2.5), {'k': [None, True]}]}
torch.save(c, out + '/tiny_p2.pt')
torch.save(c, out + '/tiny_p4.pt', pickle_protocol=4)
torch.save(c, out + '/tiny_legacy.pt', _use_new_zipfile_serialization=False)
