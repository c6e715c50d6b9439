// ESLint for the add-ons' JavaScript (the phone page and its service worker): the
// "eslint" hook of .pre-commit-config.yaml. ESLint's recommended rules plus the few
// that Odoo's web client adds (curly, prefer-const, unused variables).
// pre-commit installs @eslint/js and globals next to ESLint, not beside this file:
// they are resolved from ESLint's own location.
import { realpathSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(realpathSync(process.argv[1]));
const js = require("@eslint/js");
const globals = require("globals");

export default [
    js.configs.recommended,
    {
        files: ["addons/*/static/src/**/*.js"],
        languageOptions: {
            ecmaVersion: 2022,
            sourceType: "script",
            globals: globals.browser,
        },
        rules: {
            curly: ["error", "all"],
            "prefer-const": ["error", { destructuring: "all", ignoreReadBeforeAssign: true }],
            "no-unused-vars": ["error", { vars: "all", args: "none", caughtErrors: "all" }],
        },
    },
    {
        files: ["**/sw.js"],
        languageOptions: { globals: globals.serviceworker },
    },
];
