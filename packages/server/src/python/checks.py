"""Checks that user code defines its entrypoint properly: statically at save time, again at load."""

import types

FILENAME = '<handler>'
ARITIES = {'handler': (2, 3), 'mapper': (2,)}
SIGNATURES = {
    'handler': 'def handler(body, headers) or def handler(body, headers, request)',
    'mapper': 'def mapper(body, headers)',
}
CO_COROUTINE = 0x80
CO_ASYNC_GENERATOR = 0x200


class BadEntrypoint(Exception):
    """The loaded module does not define a usable entrypoint."""


def plural(count):
    return f'{count} parameter' if count == 1 else f'{count} parameters'


def problem(message, line=None, column=None):
    return {'ok': False, 'problem': message, 'line': line, 'column': column}


def validate(code, entrypoint):
    """Compiles without running anything; the reply carries a 1-based line and column when known."""
    import ast  # only the validator parses; handler workers start faster without it

    if entrypoint not in ARITIES:
        return problem(f'unknown entrypoint {entrypoint!r}')
    try:
        # compile() finds what the parser alone misses ('return' outside a function, bad nonlocal…).
        compile(code, FILENAME, 'exec', dont_inherit=True)
        tree = ast.parse(code, FILENAME)
    except SyntaxError as error:
        return problem(error.msg, error.lineno, error.offset)
    except (ValueError, RecursionError, MemoryError) as error:
        return problem(f'the code cannot be compiled: {type(error).__name__}: {error}')
    return check_definition(tree, entrypoint)


def check_definition(tree, entrypoint):
    import ast

    wanted = SIGNATURES[entrypoint]
    found = [
        node for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == entrypoint
    ]
    if not found:
        return problem(f'the code must define {wanted} at the top level')
    node = found[-1]  # the last definition is the one Python keeps
    where = (node.lineno, node.col_offset + 1)
    if isinstance(node, ast.AsyncFunctionDef):
        return problem(f'{entrypoint} must be a plain def, not async def', *where)
    args = node.args
    count = len(args.posonlyargs) + len(args.args)
    if count not in ARITIES[entrypoint]:
        return problem(f'{entrypoint} takes {plural(count)}; define {wanted}', *where)
    if any(default is None for default in args.kw_defaults):
        return problem(f'{entrypoint} has keyword-only parameters without defaults; define {wanted}', *where)
    return {'ok': True}


def entrypoint_arity(namespace, entrypoint):
    """After the module ran: the entrypoint as a function, and how many arguments to call it with."""
    wanted = SIGNATURES[entrypoint]
    function = namespace.get(entrypoint)
    if not isinstance(function, types.FunctionType):
        raise BadEntrypoint(f'the code must define {wanted}')
    code = function.__code__
    if code.co_flags & (CO_COROUTINE | CO_ASYNC_GENERATOR):
        raise BadEntrypoint(f'{entrypoint} must be a plain def, not async def')
    if code.co_argcount not in ARITIES[entrypoint]:
        raise BadEntrypoint(f'{entrypoint} takes {plural(code.co_argcount)}; define {wanted}')
    return function, code.co_argcount
