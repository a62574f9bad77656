// SQL by construction: the text handed to `.query(` is built from constants and `$n` placeholders
// only; values travel as parameters. Text built any other way is an error outside the vetted
// helpers named in eslint.config.js, each with the reason its text is safe.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Vetted helpers are named by their path from the repository root, wherever ESLint runs from.
const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

function unwrap(node) {
  while (
    node &&
    (node.type === 'TSAsExpression' ||
      node.type === 'TSNonNullExpression' ||
      node.type === 'TSSatisfiesExpression')
  )
    node = node.expression;
  return node;
}

function findVariable(scope, name) {
  for (let s = scope; s; s = s.upper) {
    const variable = s.set.get(name);
    if (variable) return variable;
  }
  return null;
}

/**
 * What a `const` the identifier names stands for: its initializer, the function it declares, or the
 * array a `for (const x of …)` walks; null for parameters, `let`, imports.
 */
function constDefinition(identifier, scope) {
  const variable = findVariable(scope, identifier.name);
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1) return null;
  if (def.type === 'FunctionName') return { fn: def.node };
  if (def.type !== 'Variable' || def.parent.kind !== 'const' || def.node.id.type !== 'Identifier')
    return null;
  const loop = def.parent.parent;
  if (loop.type === 'ForOfStatement' && loop.left === def.parent) return { each: loop.right };
  if (!def.node.init) return null;
  const init = unwrap(def.node.init);
  if (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression') return { fn: init };
  return { init: def.node.init, variable };
}

const MUTATORS = new Set(['push', 'unshift', 'splice', 'fill', 'copyWithin', 'set', 'add']);

/** Whether a `const` array or object is never changed: no mutating call, no member assignment, never handed to a function. */
function isUnchanged(variable) {
  return variable.references.every((reference) => {
    const id = reference.identifier;
    const parent = id.parent;
    if (parent.type === 'CallExpression' || parent.type === 'NewExpression') return parent.callee === id;
    if (parent.type === 'MemberExpression' && parent.object === id) {
      const use = parent.parent;
      if (use.type === 'AssignmentExpression' && use.left === parent) return false;
      if (use.type === 'UpdateExpression' || (use.type === 'UnaryExpression' && use.operator === 'delete'))
        return false;
      if (
        use.type === 'CallExpression' &&
        use.callee === parent &&
        !parent.computed &&
        MUTATORS.has(parent.property.name)
      )
        return false;
    }
    return true;
  });
}

/** The values a function returns (its expression body, or its return statements outside nested functions). */
function returnedValues(fn) {
  if (fn.body.type !== 'BlockStatement') return [fn.body];
  const values = [];
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if (node !== fn.body && /Function/.test(node.type)) return;
    if (node.type === 'ReturnStatement') return void values.push(node.argument);
    for (const key of Object.keys(node)) {
      if (key === 'parent') continue;
      const child = node[key];
      if (Array.isArray(child)) child.forEach(visit);
      else if (child && typeof child.type === 'string') visit(child);
    }
  };
  visit(fn.body);
  return values;
}

/** A number, whatever its value: `$${params.push(v)}` is a placeholder, `LIMIT ${rows.length}` a count. */
function isNumeric(node) {
  node = unwrap(node);
  if (node.type === 'Literal') return typeof node.value === 'number';
  if (node.type === 'MemberExpression') return !node.computed && node.property.name === 'length';
  if (node.type === 'CallExpression') {
    const callee = unwrap(node.callee);
    return (
      callee.type === 'MemberExpression' &&
      !callee.computed &&
      ['push', 'unshift'].includes(callee.property.name)
    );
  }
  if (node.type === 'BinaryExpression')
    return ['+', '-', '*'].includes(node.operator) && isNumeric(node.left) && isNumeric(node.right);
  return false;
}

function createChecker(sourceCode) {
  const visiting = new Set();

  /** A table of constants: an object or array literal whose every value is safe text. */
  function isConstantTable(node, scope) {
    node = unwrap(node);
    if (!node) return false;
    if (node.type === 'Identifier') {
      const def = constDefinition(node, sourceCode.getScope(node));
      if (!def?.init || !isUnchanged(def.variable)) return false;
      return guarded(def.init, () => isConstantTable(def.init, sourceCode.getScope(def.init)));
    }
    if (node.type === 'ObjectExpression')
      return node.properties.every(
        (p) =>
          p.type === 'Property' && !p.computed && (isConstantTable(p.value, scope) || isSafe(p.value, scope)),
      );
    if (node.type === 'ArrayExpression')
      return node.elements.every((e) => e && (isConstantTable(e, scope) || isSafe(e, scope)));
    if (node.type === 'MemberExpression') return isConstantTable(node.object, scope);
    return false;
  }

  function guarded(node, check) {
    if (visiting.has(node)) return false;
    visiting.add(node);
    try {
      return check();
    } finally {
      visiting.delete(node);
    }
  }

  /** Whether `node` evaluates to SQL text made of constants and placeholders only. */
  function isSafe(node, scope) {
    node = unwrap(node);
    if (!node) return false;
    if (isNumeric(node)) return true;
    switch (node.type) {
      case 'Literal':
        return true;
      case 'TemplateLiteral':
        return node.expressions.every((e) => isSafe(e, scope));
      case 'BinaryExpression':
        return node.operator === '+' && isSafe(node.left, scope) && isSafe(node.right, scope);
      // Choosing between constants by any condition is still a constant.
      case 'ConditionalExpression':
        return isSafe(node.consequent, scope) && isSafe(node.alternate, scope);
      case 'Identifier': {
        const def = constDefinition(node, sourceCode.getScope(node));
        if (def?.each) return isConstantTable(def.each, scope);
        const init = def?.init;
        return init
          ? guarded(init, () => isSafe(init, sourceCode.getScope(init)) || isConstantTable(init, scope))
          : false;
      }
      // A member of a table of constants (`SORTS[sort].order`), whatever the key.
      case 'MemberExpression':
        return isConstantTable(node.object, scope);
      case 'CallExpression': {
        const callee = unwrap(node.callee);
        // A local function whose every result is safe text (`param = (v) => `$${params.push(v)}``).
        if (callee.type === 'Identifier') {
          const fn = constDefinition(callee, sourceCode.getScope(callee))?.fn;
          return fn
            ? guarded(fn, () =>
                returnedValues(fn).every((value) => value && isSafe(value, sourceCode.getScope(value))),
              )
            : false;
        }
        // `constants.join(', ')`
        if (
          callee.type === 'MemberExpression' &&
          !callee.computed &&
          callee.property.name === 'join' &&
          node.arguments.every((a) => isSafe(a, scope))
        )
          return isConstantTable(callee.object, scope);
        return false;
      }
      default:
        return false;
    }
  }
  return isSafe;
}

/** The name of the nearest named function around `node` (a callback counts as its caller's). */
function enclosingFunctionName(node) {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'FunctionDeclaration' && n.id) return n.id.name;
    if (n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') {
      const p = n.parent;
      if (p.type === 'VariableDeclarator' && p.id.type === 'Identifier') return p.id.name;
      if (
        (p.type === 'MethodDefinition' || p.type === 'Property' || p.type === 'PropertyDefinition') &&
        !p.computed
      )
        return p.key.name ?? p.key.value;
    }
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noSqlInterpolation = {
  meta: {
    type: 'problem',
    docs: { description: 'SQL text passed to .query() is built from constants and $n placeholders only' },
    schema: [
      {
        type: 'object',
        properties: {
          // 'path/to/file.ts#functionName' (or a directory ending in /) → why its SQL text is safe.
          vetted: { type: 'object', additionalProperties: { type: 'string', minLength: 20 } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      interpolated:
        'SQL text built from {{parts}}: pass values as parameters ($1, $2…); text that must be built goes in a vetted helper (README, "SQL by construction")',
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const options = context.options[0] ?? {};
    const isSafe = createChecker(sourceCode);
    const file = path.relative(REPOSITORY_ROOT, context.filename).split(path.sep).join('/');
    const vetted = Object.keys(options.vetted ?? {});
    if (vetted.some((key) => key.endsWith('/') && file.startsWith(key))) return {};
    const vettedHere = new Set(
      vetted.filter((key) => key.startsWith(`${file}#`)).map((key) => key.slice(file.length + 1)),
    );

    /** The parts of the SQL argument that are not constants or placeholders. */
    function unsafeParts(node, scope) {
      node = unwrap(node);
      if (isSafe(node, scope)) return [];
      if (node.type === 'TemplateLiteral') return node.expressions.flatMap((e) => unsafeParts(e, scope));
      if (node.type === 'BinaryExpression' && node.operator === '+')
        return [...unsafeParts(node.left, scope), ...unsafeParts(node.right, scope)];
      if (node.type === 'ConditionalExpression')
        return [...unsafeParts(node.consequent, scope), ...unsafeParts(node.alternate, scope)];
      return [node];
    }

    return {
      CallExpression(node) {
        const callee = unwrap(node.callee);
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.name !== 'query') return;
        const [sql] = node.arguments;
        if (!sql || sql.type === 'SpreadElement') return;
        const parts = unsafeParts(sql, sourceCode.getScope(node));
        if (!parts.length || vettedHere.has(enclosingFunctionName(node))) return;
        const texts = parts.map((part) => {
          const text = sourceCode.getText(part).replace(/\s+/g, ' ');
          return `\`${text.length > 50 ? `${text.slice(0, 47)}…` : text}\``;
        });
        context.report({ node, messageId: 'interpolated', data: { parts: texts.join(', ') } });
      },
    };
  },
};

/** Exceptions live in the vetted list with their reason, where they are reviewed, not in comments. */
export const noSqlExceptionComments = {
  meta: {
    type: 'problem',
    docs: { description: 'no eslint-disable comment for qifu/no-sql-interpolation' },
    schema: [],
    messages: {
      comment:
        'Do not disable qifu/no-sql-interpolation here: add the helper to its vetted list in eslint.config.js, with the reason its SQL text is safe',
    },
  },
  create(context) {
    return {
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          const text = comment.value.trim();
          if (/^eslint-(disable|enable)/.test(text) && text.includes('qifu/no-sql-interpolation'))
            context.report({ loc: comment.loc, messageId: 'comment' });
        }
      },
    };
  },
};

export default {
  meta: { name: 'qifu' },
  rules: { 'no-sql-interpolation': noSqlInterpolation, 'no-sql-exception-comments': noSqlExceptionComments },
};
